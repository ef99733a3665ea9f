using Checkpoint.Generated;

namespace Checkpoint.Loading;

/// <summary>
/// The one load planner: matches a source tree against a target, level by level, and decides for every entry
/// whether it loads, is skipped, missing, unexpected or mismatched — former names, the path filter, shape
/// skipping, lossless dtype conversion and the three mismatch modes are implemented here and nowhere else.
/// Targets (a generated model, a <see cref="StateDict"/> template, a template of .NET objects) only drive the walk:
/// they <see cref="Enter"/> containers, offer leaves through <see cref="TryLeaf"/> with the codec of their type,
/// and <see cref="Exit"/>. Nothing changes until <see cref="Apply"/>, which under <see cref="Mismatch.Error"/>
/// throws first when any problem was found.
/// </summary>
/// <remarks>
/// Built for large trees: levels are reused objects, matched keys are bits, a load that walks the file in its own
/// order finds every key at the position it expects (no hashing), and paths are made only for problems, filters
/// and on request.
/// </remarks>
internal sealed class LoadPlanner
{
    private const int CancellationInterval = 1024;

    private readonly LoadOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly List<Level> _levels = [];
    private readonly List<Action> _replacements = [];
    private readonly List<StateDict> _views = [];

    // Every entry that will load, in target order (handed to the report as it is), and the array bytes to copy when
    // the load applies. Sources are kept as the file's tree stores them (StateDict.NodeSlot): a lazy array stays a
    // shared description and an offset, not a node object per entry that would live until the load applies.
    private readonly PagedList<LoadedPath> _loaded = new();
    private readonly PagedList<PlannedCopy> _copies = new();
    private readonly PathTable _paths = new();
    private int _depth = -1;
    private int _leaves;
    private bool _rootIsValue;

    public LoadPlanner(LoadOptions options, CancellationToken cancellationToken)
    {
        _options = options;
        _cancellationToken = cancellationToken;
    }

    /// <summary>What the load found (problems, skips and renames now; loaded paths once applied).</summary>
    public LoadReport Report { get; } = new();

    /// <summary>The options of this load.</summary>
    public LoadOptions Options => _options;

    /// <summary>Starts at the root of the source.</summary>
    /// <param name="source">The source's root map.</param>
    /// <param name="wording">How missing and unexpected entries are described.</param>
    /// <param name="reportUnexpected">False when the target claims only some keys of the root (a training checkpoint's sections).</param>
    public void BeginRoot(StateDict source, Wording wording, bool reportUnexpected = true)
    {
        if (_depth != -1) throw new InvalidOperationException("The planner has already started.");
        var level = Push(source, "");
        level.Wording = wording;
        level.ReportUnexpected = reportUnexpected;
        level.FilterFrom = 0;
    }

    /// <summary>
    /// Starts at a root that is a value of its own (a template whose root may be a leaf): the value sits under the
    /// key "" of an invisible root level, and paths below it have no prefix.
    /// </summary>
    public void BeginRootValue(StateNode source, Wording wording)
    {
        BeginRoot(new StateDict { [""] = source }, wording, reportUnexpected: false);
        _rootIsValue = true;
    }

    /// <summary>
    /// Enters the target container under <paramref name="key"/> (a child model, a dictionary, a list). A source leaf
    /// under that key is left unclaimed (reported unexpected) and the container's entries are reported missing.
    /// </summary>
    public void Enter(string key) => EnterCore(key);

    /// <summary>
    /// Enters the target container under <paramref name="key"/> unless the source holds a leaf there: then nothing
    /// is entered, the leaf is claimed and returned in <paramref name="leaf"/> so the caller reports one mismatch
    /// for the container instead of every entry in it. <paramref name="absent"/> says the source has no such key
    /// (the container is entered anyway, so its entries can be walked; templates report the container missing instead).
    /// </summary>
    public bool TryEnterMap(string key, out StateNode? leaf, out bool absent)
    {
        leaf = null;
        var level = _levels[_depth];
        var index = level.Map?.IndexOf(key, level.Hint) ?? -1;
        absent = index < 0;
        if (index >= 0 && !level.Map!.SlotAt(index).IsMap)
        {
            level.Claim(index, level.Map.Count);
            level.Hint = index + 1;
            leaf = level.Map.PeekAt(index);
            return false;
        }

        EnterCore(key);
        return true;
    }

    /// <summary>Reports an entry of the target the source does not have (a whole container, for templates).</summary>
    public void AddMissing(string key) =>
        Report.AddProblem(new LoadProblem(LoadProblemKind.Missing, FullPath(key), _levels[_depth].MissingReason(this)));

    /// <summary>
    /// Enters a section of the root that a target claims whole (<c>params</c> of a training checkpoint): its
    /// unexpected entries are reported, and the path filter sees paths relative to it (or is off for the section).
    /// </summary>
    public void EnterSection(string key, bool filtered)
    {
        var level = EnterCore(key);
        level.ReportUnexpected = true;
        level.FilterFrom = filtered ? _depth : -1;
    }

    /// <summary>Leaves the current container, reporting the source entries nothing claimed.</summary>
    public void Exit()
    {
        var level = _levels[_depth];
        if (level.Map is { Count: > 0 } map && level.ReportUnexpected) ReportUnclaimed(level, map);
        _depth--;
    }

    /// <summary>
    /// Offers one target leaf: finds its node (under its key or a former one), applies the filter, asks the codec
    /// whether and how it loads, and records the outcome. Returns true when it will load; the caller then handles
    /// <see cref="ValueLoad{T}.Replaces"/> (array bytes were already scheduled here).
    /// </summary>
    /// <param name="key">The leaf's key at the current level.</param>
    /// <param name="reportIfMissing">Whether its absence is a problem (entries of kinds the source is not expected to hold are not).</param>
    /// <param name="current">The target's current value.</param>
    /// <param name="codec">The codec of its type.</param>
    /// <param name="formerKeys">Keys it had in earlier versions.</param>
    /// <param name="load">What the codec decided.</param>
    /// <param name="canReplace">False when the target cannot take a new value (a read-only container): a load that needs one is a mismatch.</param>
    public bool TryLeaf<T>(
        string key, bool reportIfMissing, T current, ValueCodec<T> codec, string[]? formerKeys, out ValueLoad<T> load, bool canReplace = true)
    {
        load = default;
        if (++_leaves % CancellationInterval == 0) _cancellationToken.ThrowIfCancellationRequested();
        var level = _levels[_depth];
        var map = level.Map;
        var index = map?.IndexOf(key, level.Hint) ?? -1;

        if (_options.PathFilter is not null && level.FilterFrom >= 0 && !_options.PathFilter(FilterPath(key)))
        {
            if (index >= 0)
            {
                level.Claim(index, map!.Count);
                Report.AddSkipped(FullPath(key));
            }

            return false;
        }

        if (index < 0 && formerKeys is { Length: > 0 } && map is not null)
        {
            foreach (var former in formerKeys)
            {
                index = map.IndexOf(former, 0);
                if (index < 0) continue;
                Report.AddRename(new LoadRename(FullPath(former), FullPath(key), "former name"));
                break;
            }
        }

        if (index < 0)
        {
            if (reportIfMissing) Report.AddProblem(new LoadProblem(LoadProblemKind.Missing, FullPath(key), level.MissingReason(this)));
            return false;
        }

        level.Claim(index, map!.Count);
        level.Hint = index + 1;
        var source = map.PeekAt(index);
        load = codec.Read(source, current);
        // A codec that keeps the node itself (a template's raw-node slot) must get the tree's own node, made once and
        // kept, not the short-lived one peeked above: a peeked map is a second map over the file tree's entries, and
        // changing one would corrupt the other.
        if (load.Replaces && source is StateDict or TensorNode && ReferenceEquals(load.Replacement, source))
            load = load.As((T)(object)map.ValueAt(index));
        if (!load.Succeeded)
        {
            if (load.IsShapeMismatch && _options.SkipShapeMismatches) Report.AddSkipped(FullPath(key));
            else Report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, FullPath(key), load.Problem!));
            return false;
        }

        if (load.Replaces && !canReplace)
        {
            Report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, FullPath(key),
                "its container is read-only (a tuple or read-only collection), so the value cannot be replaced; use a mutable dictionary or list"));
            return false;
        }

        if (load.CopyFrom is { } copyFrom)
        {
            // The node peeked above is not kept: the copy makes it again from the tree's compact entry when it runs.
            var from = ReferenceEquals(copyFrom, source) ? map.SlotAt(index) : StateDict.NodeSlot.Of(copyFrom);
            _copies.Add(new PlannedCopy(from, load.CopyInto!));
        }

        _loaded.Add(new LoadedPath(PathOf(_depth), key, HasCopy: load.CopyFrom is not null));
        return true;
    }

    /// <summary>Reports a problem of the current container itself (a template value that cannot be restored).</summary>
    public void AddMismatch(string key, string reason) =>
        Report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, FullPath(key), reason));

    /// <summary>Schedules a change that runs when the load applies, after every array copy (a member set, a container slot replaced).</summary>
    public void OnApply(Action apply) => _replacements.Add(apply);

    /// <summary>
    /// Finishes: under <see cref="Mismatch.Error"/> any problem throws (nothing has changed); otherwise array bytes
    /// are copied into their targets, the scheduled changes run, and problems are logged under <see cref="Mismatch.Warn"/>.
    /// </summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public LoadReport Apply()
    {
        while (_depth >= 0) Exit();
        if (!Report.IsClean && _options.Mismatch == Mismatch.Error)
            throw new StateMismatchException(Report, _options.SourceName);

        long copied = 0;
        var copies = 0;
        foreach (var copy in _copies)
        {
            if (copies++ % CancellationInterval == 0) _cancellationToken.ThrowIfCancellationRequested();
            try
            {
                copy.Run();
            }
            catch (CheckpointFormatException e) when (e.PathInFile.Length == 0)
            {
                // The file changed (or was cut short) since its structure was read: say which entry found it out.
                var entry = EntryOfCopy(copies - 1);
                throw new CheckpointFormatException(e.Detail, e.FileName, _paths.Join(entry.Parent, entry.Key), e.Offset, e);
            }

            copied += copy.Target.ByteLength;
            _options.Progress?.Report(copied);
        }

        foreach (var replace in _replacements) replace();
        Report.AddLoaded(_paths, _loaded);
        if (_options.Mismatch == Mismatch.Warn && _options.Logger is { } logger) LoadLog.Problems(logger, Report, _options.SourceName);
        return Report;
    }

    /// <summary>The dotted path of <paramref name="key"/> at the current level.</summary>
    public string FullPath(string key) => _paths.Join(PathOf(_depth), key);

    private Level EnterCore(string key)
    {
        var parent = _levels[_depth];
        StateDict? child = null;
        if (parent.Map is { } map)
        {
            var index = map.IndexOf(key, parent.Hint);
            if (index >= 0 && map.SlotAt(index).IsMap)
            {
                // A leaf under a container's key is not claimed: it is reported unexpected, the container's entries missing.
                parent.Claim(index, map.Count);
                parent.Hint = index + 1;
                // A map the file left compact is seen through this depth's view, not made into an object.
                child = map.PeekMapAt(index, ViewAt(_depth + 1));
            }
        }

        var level = Push(child, key);
        level.Wording = parent.Wording;
        // Only the root may leave keys to others (a training checkpoint's sections); below it a target claims its map.
        level.ReportUnexpected = true;
        level.FilterFrom = parent.FilterFrom;
        return level;
    }

    // The view a level at `depth` shows compact source maps through (see StateDict.PeekMapAt): one per depth.
    private StateDict ViewAt(int depth)
    {
        while (_views.Count <= depth) _views.Add(new StateDict());
        return _views[depth];
    }

    private Level Push(StateDict? map, string key)
    {
        _depth++;
        if (_depth == _levels.Count) _levels.Add(new Level());
        var level = _levels[_depth];
        level.Reset(map, key);
        return level;
    }

    // The path of the level at `depth`; the root's is PathTable.Root (its entries have no prefix). Added lazily, once per level.
    private int PathOf(int depth)
    {
        if (depth <= 0 || (depth == 1 && _rootIsValue)) return PathTable.Root;
        var level = _levels[depth];
        if (level.Path == Level.NoPath) level.Path = _paths.Add(PathOf(depth - 1), level.Key);
        return level.Path;
    }

    private string FilterPath(string key)
    {
        var from = _levels[_depth].FilterFrom;
        if (from == 0) return FullPath(key);
        var parts = new List<string>();
        for (var depth = from + 1; depth <= _depth; depth++) parts.Add(_levels[depth].Key);
        parts.Add(key);
        return string.Join(StateDict.PathSeparator, parts);
    }

    private bool PassesFilter(Level level, string relativeToLevel)
    {
        if (_options.PathFilter is null || level.FilterFrom < 0) return true;
        var prefix = new List<string>();
        for (var depth = level.FilterFrom + 1; depth <= _depth; depth++) prefix.Add(_levels[depth].Key);
        prefix.Add(relativeToLevel);
        return _options.PathFilter(string.Join(StateDict.PathSeparator, prefix));
    }

    private void ReportUnclaimed(Level level, StateDict map)
    {
        for (var i = 0; i < map.Count; i++)
        {
            if (!level.IsClaimed(i)) ReportUnexpected(level, map.KeyAt(i), map.PeekAt(i), 0);
        }
    }

    // Every leaf under an unclaimed entry is unexpected; an empty map holds no data (an empty list of children
    // saves as one), so it is never unexpected.
    private void ReportUnexpected(Level level, string relative, StateNode node, int depth)
    {
        if (node is StateDict child)
        {
            if (depth > _options.MaxDepth) return;
            for (var i = 0; i < child.Count; i++)
                ReportUnexpected(level, relative + StateDict.PathSeparator + child.KeyAt(i), child.PeekAt(i), depth + 1);
            return;
        }

        var path = FullPath(relative);
        if (PassesFilter(level, relative)) Report.AddProblem(new LoadProblem(LoadProblemKind.Unexpected, path, level.UnexpectedReason(this)));
        else Report.AddSkipped(path);
    }

    /// <summary>How missing and unexpected entries are described (as braintools does for templates, or briefly for models).</summary>
    internal enum Wording
    {
        Model,
        Template,
    }

    /// <summary>One level of the walk: the source map there and which of its keys a target claimed.</summary>
    private sealed class Level
    {
        private ulong _claimed;
        private ulong[]? _claimedMore;
        private string? _missingReason;
        private string? _unexpectedReason;

        public StateDict? Map { get; private set; }

        public string Key { get; private set; } = "";

        public const int NoPath = int.MinValue;

        public int Path { get; set; } = NoPath;

        public int Hint { get; set; }

        public bool ReportUnexpected { get; set; }

        public int FilterFrom { get; set; }

        public Wording Wording { get; set; }

        public void Reset(StateDict? map, string key)
        {
            Map = map;
            Key = key;
            Path = NoPath;
            Hint = 0;
            _claimed = 0;
            _claimedMore = null;
            _missingReason = null;
            _unexpectedReason = null;
        }

        public void Claim(int index, int count)
        {
            if (index < 64)
            {
                _claimed |= 1UL << index;
                return;
            }

            _claimedMore ??= new ulong[(count - 64 + 63) / 64];
            _claimedMore[(index - 64) >> 6] |= 1UL << ((index - 64) & 63);
        }

        public bool IsClaimed(int index) =>
            index < 64 ? (_claimed & (1UL << index)) != 0 : _claimedMore is { } more && (more[(index - 64) >> 6] & (1UL << ((index - 64) & 63))) != 0;

        // The reasons depend only on the level, so siblings share one string.
        public string MissingReason(LoadPlanner planner) => _missingReason ??= Wording == Wording.Model
            ? "not in the source"
            : $"the target dict contains it, the state dict at path '{planner.LevelPath(this)}' does not";

        public string UnexpectedReason(LoadPlanner planner) => _unexpectedReason ??= Wording == Wording.Model
            ? "not in the target"
            : $"the state dict contains it, the target dict at path '{planner.LevelPath(this)}' does not";
    }

    private string LevelPath(Level level) => _paths.Text(PathOf(_levels.IndexOf(level)));

    // The loaded entry whose copy is the n-th (0-based): copies are planned in the order of the entries that have one.
    // Only an error needs it, so it is counted here instead of kept per copy.
    private LoadedPath EntryOfCopy(int n)
    {
        foreach (var entry in _loaded)
            if (entry.HasCopy && n-- == 0) return entry;
        throw new InvalidOperationException("No loaded entry for that copy.");
    }

    /// <summary>Array bytes a load moves when it applies (streamed from the file, or converted).</summary>
    private readonly record struct PlannedCopy(StateDict.NodeSlot Source, INdArray Target)
    {
        public void Run() => Source.CopyArrayTo(Target);
    }
}

/// <summary>Where a loaded entry is: its level in the load's <see cref="PathTable"/> and its key there; whether it copies array bytes.</summary>
internal readonly record struct LoadedPath(int Parent, string Key, bool HasCopy = false);
