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
    private readonly List<string> _loaded = [];
    private readonly List<string> _skipped = [];
    private readonly List<LoadProblem> _problems = [];
    private readonly List<LoadRename> _renamed = [];
    private readonly List<string> _notes = [];

    /// <summary>Paths restored from the source, in target order.</summary>
    public IReadOnlyList<string> Loaded => _loaded;

    /// <summary>Paths left out on purpose (path filter, <see cref="LoadOptions.SkipShapeMismatches"/>).</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>Every problem, in the order found.</summary>
    public IReadOnlyList<LoadProblem> Problems => _problems;

    /// <summary>Entries of the target absent from the source.</summary>
    public IEnumerable<LoadProblem> Missing => _problems.Where(p => p.Kind == LoadProblemKind.Missing);

    /// <summary>Entries of the source absent from the target.</summary>
    public IEnumerable<LoadProblem> Unexpected => _problems.Where(p => p.Kind == LoadProblemKind.Unexpected);

    /// <summary>Entries present on both sides that disagree.</summary>
    public IEnumerable<LoadProblem> Mismatched => _problems.Where(p => p.Kind == LoadProblemKind.Mismatched);

    /// <summary>Entries found under a former name or moved by a migration.</summary>
    public IReadOnlyList<LoadRename> Renamed => _renamed;

    /// <summary>Other things worth knowing (migrations run, versions seen).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>True when there is no problem.</summary>
    public bool IsClean => _problems.Count == 0;

    /// <summary>The number of entries loaded.</summary>
    public int LoadedCount => _loaded.Count;

    /// <summary>The number of entries skipped on purpose.</summary>
    public int SkippedCount => _skipped.Count;

    internal void AddLoaded(string path) => _loaded.Add(path);

    internal void AddSkipped(string path) => _skipped.Add(path);

    /// <summary>Records a problem (used by loaders outside this assembly's state code, such as typed trees).</summary>
    public void AddProblem(LoadProblem problem) => _problems.Add(problem);

    /// <summary>Records a rename.</summary>
    public void AddRename(LoadRename rename) => _renamed.Add(rename);

    /// <summary>Records a note.</summary>
    public void AddNote(string note) => _notes.Add(note);

    /// <inheritdoc />
    public override string ToString() =>
        $"loaded {_loaded.Count}, skipped {_skipped.Count}, missing {Missing.Count()}, " +
        $"unexpected {Unexpected.Count()}, mismatched {Mismatched.Count()}";
}
