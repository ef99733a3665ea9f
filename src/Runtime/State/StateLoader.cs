using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// Loads a state dictionary into a model: the shared implementation behind every generated
/// <see cref="IStateful.LoadStateDict"/>. Checks everything first, then applies (all or, unless
/// <see cref="Mismatch.Error"/>, what matched).
/// </summary>
public static class StateLoader
{
    /// <summary>Loads <paramref name="source"/> into <paramref name="model"/>; see <see cref="IStateful.LoadStateDict"/>.</summary>
    /// <exception cref="StateMismatchException">Problems were found and the mode is <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(IStateful model, StateDict source, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(model.States(StateKinds.All), source, options);
    }

    /// <summary>Loads <paramref name="source"/> into the given entries (of one model or several).</summary>
    /// <exception cref="StateMismatchException">Problems were found and the mode is <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(IReadOnlyList<StateEntry> entries, StateDict source, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(source);
        options ??= LoadOptions.Default;
        var report = new LoadReport();
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var applies = new List<(string Path, Action Apply)>();

        foreach (var entry in entries)
        {
            if (!Passes(options, entry.Path))
            {
                if (source.TryGetPath(entry.Segments, out _)) report.AddSkipped(entry.Path);
                consumed.Add(entry.Path);
                continue;
            }

            if (!TryFind(source, entry, report, out var node, out var foundAt))
            {
                if ((entry.Kind & options.Kinds) != 0)
                    report.AddProblem(new LoadProblem(LoadProblemKind.Missing, entry.Path, "not in the source"));
                continue;
            }

            consumed.Add(foundAt);
            var check = entry.Accessor.PrepareLoad(node);
            if (check.Apply is { } apply)
                applies.Add((entry.Path, apply));
            else if (check.IsShapeMismatch && options.SkipShapeMismatches)
                report.AddSkipped(entry.Path);
            else
                report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, entry.Path, check.Reason!));
        }

        FindUnexpected(source, "", consumed, options, report);

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

        return report;
    }

    private static bool Passes(LoadOptions options, string path) => options.PathFilter?.Invoke(path) ?? true;

    private static bool TryFind(StateDict source, StateEntry entry, LoadReport report, out StateNode node, out string foundAt)
    {
        if (source.TryGetPath(entry.Segments, out node!))
        {
            foundAt = entry.Path;
            return true;
        }

        foreach (var former in entry.FormerPaths)
        {
            if (source.TryGetPath(former, out node!))
            {
                report.AddRename(new LoadRename(former, entry.Path, "former name"));
                foundAt = former;
                return true;
            }
        }

        foundAt = "";
        return false;
    }

    private static void FindUnexpected(StateDict map, string prefix, HashSet<string> consumed, LoadOptions options, LoadReport report)
    {
        foreach (var (key, node) in map)
        {
            var path = prefix.Length == 0 ? key : prefix + StateDict.PathSeparator + key;
            if (consumed.Contains(path)) continue;
            if (node is StateDict { Count: > 0 } child)
            {
                FindUnexpected(child, path, consumed, options, report);
            }
            else if (node is not StateDict)
            {
                // An empty map holds no data (an empty list of children saves as one), so it is never unexpected.
                if (Passes(options, path))
                    report.AddProblem(new LoadProblem(LoadProblemKind.Unexpected, path, "not in the target"));
                else
                    report.AddSkipped(path);
            }
        }
    }
}
