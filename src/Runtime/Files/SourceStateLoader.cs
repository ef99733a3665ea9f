using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// Loads a <see cref="LoadSource"/> into model entries with the semantics of <see cref="StateLoader"/> (check all,
/// then apply; missing, unexpected, mismatched; former names; path filter; skipped shapes). For file sources an
/// array whose dtype and shape match its target is copied from the file straight into the target's memory when
/// applied; nothing else of it is ever held. Other arrays are read and converted through the node path.
/// </summary>
internal static class SourceStateLoader
{
    /// <summary>Checks and applies; throws under <see cref="Mismatch.Error"/> before changing anything.</summary>
    public static LoadReport Load(IReadOnlyList<StateEntry> entries, LoadSource source, LoadOptions options)
    {
        var report = new LoadReport();
        var applies = Plan(entries, source, source.Root, "", options, report);
        Finish(report, applies, options);
        return report;
    }

    /// <summary>Runs the applies (unless problems and <see cref="Mismatch.Error"/>) and logs warnings.</summary>
    public static void Finish(LoadReport report, List<(string Path, Action Apply)> applies, LoadOptions options)
    {
        if (!report.IsClean && options.Mismatch == Mismatch.Error)
            throw new StateMismatchException(report, options.SourceName);

        foreach (var (path, apply) in applies)
        {
            apply();
            report.AddLoaded(path);
        }

        if (options.Mismatch == Mismatch.Warn && options.Logger is { } logger)
        {
            foreach (var problem in report.Problems)
                logger.LogWarning("Checkpoint load{Source}: {Problem}", options.SourceName is null ? "" : " from " + options.SourceName, problem);
        }
    }

    /// <summary>
    /// Checks every entry against the subtree at <paramref name="baseNode"/> and returns what to apply. Problems
    /// and loaded paths are reported as <paramref name="prefix"/> + the entry's path.
    /// </summary>
    public static List<(string Path, Action Apply)> Plan(
        IReadOnlyList<StateEntry> entries, LoadSource source, object baseNode, string prefix, LoadOptions options, LoadReport report)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var applies = new List<(string, Action)>();

        foreach (var entry in entries)
        {
            var fullPath = Join(prefix, entry.Path);
            if (!Passes(options, fullPath))
            {
                if (TryGet(source, baseNode, entry.Segments, out _)) report.AddSkipped(fullPath);
                consumed.Add(entry.Path);
                continue;
            }

            if (!TryFind(source, baseNode, entry, prefix, report, out var node, out var foundAt))
            {
                if ((entry.Kind & options.Kinds) != 0)
                    report.AddProblem(new LoadProblem(LoadProblemKind.Missing, fullPath, "not in the source"));
                continue;
            }

            consumed.Add(foundAt);
            if (source.AsTensorRef(node) is { } reference && DirectTarget(entry) is { } target
                && target.DType == reference.DType && TensorShape.Equal(target.Shape, reference.Shape))
            {
                // The fast path: no intermediate tensor, the file's bytes land in the model's memory.
                applies.Add((fullPath, () => source.ReadInto(reference, target.AsBytes())));
                continue;
            }

            var check = entry.Accessor.PrepareLoad(source.Materialize(node));
            if (check.Apply is { } apply)
                applies.Add((fullPath, apply));
            else if (check.IsShapeMismatch && options.SkipShapeMismatches)
                report.AddSkipped(fullPath);
            else
                report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, fullPath, check.Reason!));
        }

        FindUnexpected(source, baseNode, "", prefix, consumed, options, report);
        return applies;
    }

    // The memory a tensor or array member loads into in place; null when the member has no such memory yet.
    private static INdArray? DirectTarget(StateEntry entry) => entry.Accessor.GetValue() switch
    {
        INdArray tensor => tensor,
        Array array => TreeConverter.ArrayTensor(array),
        _ => null,
    };

    private static bool Passes(LoadOptions options, string path) => options.PathFilter?.Invoke(path) ?? true;

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : prefix + StateDict.PathSeparator + path;

    private static bool TryGet(LoadSource source, object baseNode, IReadOnlyList<string> segments, out object node)
    {
        node = baseNode;
        foreach (var segment in segments)
        {
            if (!source.TryGetChild(node, segment, out node)) return false;
        }

        return true;
    }

    private static bool TryFind(LoadSource source, object baseNode, StateEntry entry, string prefix, LoadReport report, out object node, out string foundAt)
    {
        if (TryGet(source, baseNode, entry.Segments, out node))
        {
            foundAt = entry.Path;
            return true;
        }

        foreach (var former in entry.FormerPaths)
        {
            if (TryGet(source, baseNode, former.Split(StateDict.PathSeparator), out node))
            {
                report.AddRename(new LoadRename(Join(prefix, former), Join(prefix, entry.Path), "former name"));
                foundAt = former;
                return true;
            }
        }

        foundAt = "";
        return false;
    }

    private static void FindUnexpected(
        LoadSource source, object node, string path, string prefix, HashSet<string> consumed, LoadOptions options, LoadReport report)
    {
        if (source.MapEntries(node) is not { } entries) return;
        foreach (var (key, child) in entries)
        {
            var childPath = path.Length == 0 ? key : path + StateDict.PathSeparator + key;
            if (consumed.Contains(childPath)) continue;
            if (source.MapEntries(child) is { } grandchildren)
            {
                // An empty map holds no data (an empty list of children saves as one), so it is never unexpected.
                if (grandchildren.Count > 0) FindUnexpected(source, child, childPath, prefix, consumed, options, report);
                continue;
            }

            var fullPath = Join(prefix, childPath);
            if (Passes(options, fullPath))
                report.AddProblem(new LoadProblem(LoadProblemKind.Unexpected, fullPath, "not in the target"));
            else
                report.AddSkipped(fullPath);
        }
    }
}
