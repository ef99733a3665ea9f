using Checkpoint.Loading;

namespace Checkpoint;

/// <summary>Why an entry did not load as it is.</summary>
public enum LoadProblemKind
{
    /// <summary>The target has the entry, the source does not.</summary>
    Missing,
    /// <summary>The source has the entry, the target does not.</summary>
    Unexpected,
    /// <summary>Both have it but they disagree (shape, dtype, type, unit).</summary>
    Mismatched,
}

/// <summary>One problem found by a load: the dotted path and the reason.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Path">The dotted path of the entry (<c>layers.0.weight</c>).</param>
/// <param name="Reason">Why, in words (<c>shape (3, 2) in the source, (2, 2) in the target</c>).</param>
public sealed record LoadProblem(LoadProblemKind Kind, string Path, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Path}': {Reason}";
}

/// <summary>An entry loaded from a key other than its own (a former name or a migration).</summary>
/// <param name="From">The key in the source.</param>
/// <param name="To">The key in the target.</param>
/// <param name="Reason">Why (<c>former name</c>, <c>migration 1.0 -> 2.0</c>).</param>
public sealed record LoadRename(string From, string To, string Reason);

/// <summary>What a load did: what it loaded, skipped, renamed, and every problem with its path.</summary>
public sealed class LoadReport
{
    // Loaded paths are kept as (level, key) pairs and turned into strings only when someone reads Loaded: a load of
    // 100,000 entries should not build 100,000 path strings nobody looks at.
    // The planner's own list is kept (not copied): one record per loaded entry is made once per load.
    private readonly List<(PathTable Paths, PagedList<LoadedPath> Entries)> _loaded = [];
    private int _loadedCount;
    private readonly List<string> _skipped = [];
    private readonly List<LoadProblem> _problems = [];
    private readonly List<LoadRename> _renamed = [];
    private readonly List<string> _notes = [];
    private string[]? _loadedPaths;

    /// <summary>Paths restored from the source, in target order.</summary>
    public IReadOnlyList<string> Loaded
    {
        get
        {
            if (_loadedPaths is { } cached && cached.Length == _loadedCount) return cached;
            var paths = new string[_loadedCount];
            var i = 0;
            foreach (var (table, entries) in _loaded)
                foreach (var entry in entries) paths[i++] = table.Join(entry.Parent, entry.Key);
            return _loadedPaths = paths;
        }
    }

    /// <summary>Paths left out on purpose (path filter, <see cref="LoadOptions.SkipShapeMismatches"/>).</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<LoadProblem> Problems => _problems;

    /// <summary>Entries of the target absent from the source.</summary>
    public IReadOnlyList<LoadProblem> Missing => Of(LoadProblemKind.Missing);

    /// <summary>Entries of the source absent from the target.</summary>
    public IReadOnlyList<LoadProblem> Unexpected => Of(LoadProblemKind.Unexpected);

    /// <summary>Entries present on both sides that disagree.</summary>
    public IReadOnlyList<LoadProblem> Mismatched => Of(LoadProblemKind.Mismatched);

    /// <summary>Entries found under a former name or moved by a migration.</summary>
    public IReadOnlyList<LoadRename> Renamed => _renamed;

    /// <summary>Other things worth knowing (migrations run, versions seen).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>True when there is no problem.</summary>
    public bool IsClean => _problems.Count == 0;

    /// <summary>The number of entries loaded.</summary>
    public int LoadedCount => _loadedCount;

    /// <summary>The number of entries skipped on purpose.</summary>
    public int SkippedCount => _skipped.Count;

    /// <summary>Records a problem (used by loaders outside this assembly's state code, such as typed trees).</summary>
    public void AddProblem(LoadProblem problem) => _problems.Add(problem ?? throw new ArgumentNullException(nameof(problem)));

    /// <summary>Records a rename.</summary>
    public void AddRename(LoadRename rename) => _renamed.Add(rename ?? throw new ArgumentNullException(nameof(rename)));

    /// <summary>Records a note.</summary>
    public void AddNote(string note) => _notes.Add(note ?? throw new ArgumentNullException(nameof(note)));

    /// <summary>Takes the renames and notes of an earlier step (a migration) into this report.</summary>
    public void Include(LoadReport earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        _renamed.AddRange(earlier._renamed);
        _notes.AddRange(earlier._notes);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"loaded {_loadedCount}, skipped {_skipped.Count}, missing {Count(LoadProblemKind.Missing)}, " +
        $"unexpected {Count(LoadProblemKind.Unexpected)}, mismatched {Count(LoadProblemKind.Mismatched)}";

    internal void AddLoaded(PathTable paths, PagedList<LoadedPath> entries)
    {
        _loaded.Add((paths, entries));
        _loadedCount += entries.Count;
    }

    internal void AddSkipped(string path) => _skipped.Add(path);

    private List<LoadProblem> Of(LoadProblemKind kind) => _problems.Where(p => p.Kind == kind).ToList();

    private int Count(LoadProblemKind kind) => _problems.Count(p => p.Kind == kind);
}
