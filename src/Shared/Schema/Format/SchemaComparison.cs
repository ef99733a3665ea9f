using System.Collections.Generic;
using System.Globalization;

namespace Checkpoint.Schema;

/// <summary>A path the code saves now, with the paths it loads from too (<c>FormerNames</c>).</summary>
/// <param name="Line">The schema line the code would write for it (the path may hold <c>*</c> for list entries).</param>
/// <param name="FormerPaths">Canonical paths an older checkpoint may hold it under, which a load still reads.</param>
/// <param name="Origin">The member of the code that saves it (null for paths read from a file).</param>
internal sealed record SchemaEntry(SchemaLine Line, IReadOnlyList<string> FormerPaths, SchemaOrigin? Origin = null);

/// <summary>The member that saves a path: where the analyzers report about it.</summary>
/// <param name="TypeFullName">The declaring model's full name, as its spec has it (<c>global::Demo.Layer&lt;T&gt;</c>).</param>
/// <param name="MemberName">The member's identifier as its spec has it.</param>
internal sealed record SchemaOrigin(string TypeFullName, string MemberName);

/// <summary>What a comparison found.</summary>
internal enum SchemaFindingKind
{
    /// <summary>A saved path nothing reads any more: checkpoints that have it no longer load.</summary>
    Gone,

    /// <summary>A saved path whose value no longer loads without loss (dtype, rank or kind).</summary>
    Changed,

    /// <summary>A saved path that still loads, but whose line no longer says what the code saves (float32 to float64).</summary>
    Outdated,

    /// <summary>A path the code saves that no line lists.</summary>
    Unlisted,

    /// <summary>Lines of a model the code does not have.</summary>
    UnknownModel,
}

/// <summary>One finding of <see cref="SchemaComparison"/>.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Saved">The schema line it is about (null for <see cref="SchemaFindingKind.Unlisted"/>).</param>
/// <param name="Current">The code's entry it is about (null for <see cref="SchemaFindingKind.Gone"/> and <see cref="SchemaFindingKind.UnknownModel"/>).</param>
/// <param name="Reason">Why, in words (the dtype, rank or kind change); empty when the kind says it all.</param>
/// <param name="Proposed">
/// The line that accepts the change: replaces <paramref name="Saved"/> (or is added, for an unlisted path); null when
/// accepting means removing <paramref name="Saved"/>.
/// </param>
internal sealed record SchemaFinding(SchemaFindingKind Kind, NumberedLine? Saved, SchemaEntry? Current, string Reason, SchemaLine? Proposed);

/// <summary>
/// The one comparison of saved paths (a schema file's lines, or a checkpoint file's) with what the code saves and
/// loads now: the analyzers report its findings, the tool's <c>schema --check</c> prints them.
/// </summary>
internal static class SchemaComparison
{
    /// <summary>
    /// Compares <paramref name="saved"/> with the <paramref name="current"/> entries. Lines of models listed in
    /// <paramref name="current"/> (or <paramref name="open"/>) are checked path by path; a line below an
    /// <paramref name="open"/> place that matches no entry is not reported (the code cannot see what is saved there: a
    /// child from another assembly, a child with subclasses); lines of other models are reported once per model.
    /// </summary>
    /// <param name="saved">The saved lines (what checkpoints hold).</param>
    /// <param name="current">The paths the code saves, by model.</param>
    /// <param name="open">Places, by model, below which the code may save paths it does not list.</param>
    public static List<SchemaFinding> Compare(
        IEnumerable<NumberedLine> saved, IEnumerable<SchemaEntry> current, IEnumerable<SchemaPlace>? open = null)
    {
        var models = new Dictionary<string, ModelPaths>(System.StringComparer.Ordinal);
        foreach (var entry in current) Paths(models, entry.Line.Model).Add(entry);
        if (open is not null)
        {
            foreach (var place in open) Paths(models, place.Model).Open.Add(place.Path.Length == 0 ? [] : SchemaPaths.Split(place.Path));
        }

        var findings = new List<SchemaFinding>();
        var unknown = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var numbered in saved)
        {
            var line = numbered.Line;
            if (!models.TryGetValue(line.Model, out var paths))
            {
                if (unknown.Add(line.Model))
                    findings.Add(new SchemaFinding(SchemaFindingKind.UnknownModel, numbered, null, $"'{line.Model}' is not a model of this code", null));
                continue;
            }

            if (paths.Check(numbered) is { } finding) findings.Add(finding);
        }

        foreach (var paths in models.Values)
        {
            foreach (var entry in paths.Entries)
            {
                if (!paths.Listed.Contains(entry))
                    findings.Add(new SchemaFinding(SchemaFindingKind.Unlisted, null, entry, "", entry.Line));
            }
        }

        return findings;
    }

    /// <summary>
    /// How a value saved as <paramref name="saved"/> loads into a member the code now saves as <paramref name="current"/>:
    /// the same, converted without loss, or not at all; <paramref name="reason"/> says what changed.
    /// </summary>
    public static DTypeChange Change(SchemaLine saved, SchemaLine current, out string reason)
    {
        var problems = new List<string>();
        if (!KindLoads(saved, current))
        {
            problems.Add($"saved as {Describe(saved.Kind)}, read as {Describe(current.Kind)}");
            reason = problems[0];
            return DTypeChange.Lossy;
        }

        var dtype = SchemaDTypes.Compare(saved.DType, current.DType);
        if (dtype == DTypeChange.Lossy) problems.Add($"saved as {saved.DType}, which does not convert losslessly to {current.DType}");
        if (saved.Rank != SchemaLine.AnyRank && current.Rank != SchemaLine.AnyRank && saved.Rank != current.Rank)
            problems.Add($"saved with rank {Rank(saved.Rank)}, read with rank {Rank(current.Rank)}");
        if (problems.Count > 0)
        {
            reason = string.Join("; ", problems);
            return DTypeChange.Lossy;
        }

        reason = dtype == DTypeChange.Lossless ? $"saved as {saved.DType}, read as {current.DType} (lossless)" : "";
        return dtype;
    }

    /// <summary>
    /// The line that records the code's side while keeping what the saved line knows and the code does not (the rank
    /// of an <c>NdArray&lt;T&gt;</c>, the dtype behind a type parameter).
    /// </summary>
    public static SchemaLine Merge(SchemaLine saved, SchemaLine current)
    {
        var sameKind = saved.Kind == current.Kind;
        return saved with
        {
            DType = current.DType == SchemaDTypes.Any ? saved.DType : current.DType,
            Rank = current.Rank == SchemaLine.AnyRank && sameKind ? saved.Rank : current.Rank,
            Kind = current.Kind == SchemaKinds.Any ? saved.Kind : current.Kind,
        };
    }

    private static bool KindLoads(SchemaLine saved, SchemaLine current)
    {
        if (saved.Kind == current.Kind || saved.Kind is SchemaKinds.Any or SchemaKinds.None || current.Kind == SchemaKinds.Any) return true;
        // A zero-dimensional array loads into a scalar member; nothing else crosses kinds.
        return saved.Kind == SchemaKinds.Array && current.Kind == SchemaKinds.Scalar && saved.Rank == 0;
    }

    private static string Describe(string kind) => kind switch
    {
        SchemaKinds.Array => "an array",
        SchemaKinds.Scalar => "a scalar",
        SchemaKinds.String => "a string",
        SchemaKinds.Quantity => "a quantity",
        SchemaKinds.Bytes => "bytes",
        _ => kind,
    };

    private static string Rank(int rank) => rank.ToString(CultureInfo.InvariantCulture);

    private static ModelPaths Paths(Dictionary<string, ModelPaths> models, string model)
    {
        if (!models.TryGetValue(model, out var paths)) models.Add(model, paths = new ModelPaths());
        return paths;
    }

    // The code's paths of one model, indexed: exact paths in a dictionary; patterns (with '*') and former paths by
    // their number of segments and last key, so a file of many list entries is not compared with every pattern.
    private sealed class ModelPaths
    {
        private readonly Dictionary<string, SchemaEntry> _exact = new(System.StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string[] Pattern, SchemaEntry Entry)>> _patterns = new(System.StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string[] Pattern, SchemaEntry Entry)>> _former = new(System.StringComparer.Ordinal);

        public List<SchemaEntry> Entries { get; } = [];

        public HashSet<SchemaEntry> Listed { get; } = new(ReferenceComparer.Instance);

        public List<string[]> Open { get; } = [];

        public void Add(SchemaEntry entry)
        {
            Entries.Add(entry);
            var segments = SchemaPaths.Split(entry.Line.Path);
            if (System.Array.IndexOf(segments, SchemaPaths.Wildcard) < 0)
            {
                if (!_exact.ContainsKey(entry.Line.Path)) _exact.Add(entry.Line.Path, entry);
            }
            else
            {
                Bucket(_patterns, segments).Add((segments, entry));
            }

            foreach (var former in entry.FormerPaths)
            {
                var formerSegments = SchemaPaths.Split(former);
                Bucket(_former, formerSegments).Add((formerSegments, entry));
            }
        }

        public SchemaFinding? Check(NumberedLine numbered)
        {
            var line = numbered.Line;
            var segments = SchemaPaths.Split(line.Path);
            if (Find(_exact, _patterns, line.Path, segments) is { } entry)
            {
                Listed.Add(entry);
                return Judge(numbered, entry, renamed: false);
            }

            if (Find(null, _former, line.Path, segments) is { } renamed) return Judge(numbered, renamed, renamed: true);
            foreach (var place in Open)
            {
                if (SchemaPaths.IsUnder(segments, place)) return null;
            }

            return new SchemaFinding(SchemaFindingKind.Gone, numbered, null, "", null);
        }

        private static SchemaFinding? Judge(NumberedLine numbered, SchemaEntry entry, bool renamed)
        {
            var change = Change(numbered.Line, entry.Line, out var reason);
            switch (change)
            {
                case DTypeChange.Lossy:
                    // Accepting a lossy change of a path kept only for old checkpoints drops those checkpoints: the line goes.
                    return new SchemaFinding(SchemaFindingKind.Changed, numbered, entry, reason, renamed ? null : Merge(numbered.Line, entry.Line));
                case DTypeChange.Lossless when !renamed:
                    return new SchemaFinding(SchemaFindingKind.Outdated, numbered, entry, reason, Merge(numbered.Line, entry.Line));
                default:
                    return null;
            }
        }

        private static SchemaEntry? Find(
            Dictionary<string, SchemaEntry>? exact, Dictionary<string, List<(string[] Pattern, SchemaEntry Entry)>> patterns, string path, string[] segments)
        {
            if (exact is not null && exact.TryGetValue(path, out var entry)) return entry;
            foreach (var key in new[] { Key(segments.Length, segments[segments.Length - 1]), Key(segments.Length, SchemaPaths.Wildcard) })
            {
                if (!patterns.TryGetValue(key, out var candidates)) continue;
                foreach (var (pattern, candidate) in candidates)
                {
                    if (SchemaPaths.Matches(segments, pattern)) return candidate;
                }
            }

            return null;
        }

        private static List<(string[] Pattern, SchemaEntry Entry)> Bucket(Dictionary<string, List<(string[] Pattern, SchemaEntry Entry)>> index, string[] segments)
        {
            var key = Key(segments.Length, segments[segments.Length - 1]);
            if (!index.TryGetValue(key, out var bucket)) index.Add(key, bucket = []);
            return bucket;
        }

        private static string Key(int length, string last) => length.ToString(CultureInfo.InvariantCulture) + "|" + last;
    }

    // Entries are records (equal by value); a model lists each once, so identity is what "listed" means.
    private sealed class ReferenceComparer : IEqualityComparer<SchemaEntry>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(SchemaEntry? x, SchemaEntry? y) => ReferenceEquals(x, y);

        public int GetHashCode(SchemaEntry obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
