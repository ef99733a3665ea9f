using Checkpoint.Generated;

namespace Checkpoint;

/// <summary>
/// Builds the nested state dictionary of a model (the one tree every format writer takes): one visit, maps made
/// only for levels that hold a selected member, leaves made by each member's codec (tensors referenced, not copied).
/// </summary>
/// <remarks>
/// The tree is built compact (<see cref="StateDict.MapBuilder"/>): a level's entries wait on the builder's stack
/// until the level is left, then become one entry of its parent, and array leaves are kept as their tensors. A model
/// of 100,000 layers then becomes a few arrays instead of 200,000 objects that live until the file is written.
/// </remarks>
internal sealed class TreeBuilder : StateVisitor
{
    // Up to this many entries a level's keys are checked by a scan; beyond it, by an index.
    private const int ScanLimit = 8;

    private readonly StateKinds _kinds;
    private readonly StateDict.MapBuilder _maps = new();

    // Each level from the root down: its key and where its entries start on the builder's stack.
    private Level[] _levels = new Level[16];
    private int _depth;

    private TreeBuilder(StateKinds kinds)
    {
        _kinds = kinds;
        _levels[0] = new Level("", _maps.Begin());
    }

    /// <summary>The tree of <paramref name="model"/>'s members of <paramref name="kinds"/>.</summary>
    public static StateDict Build(IStateful model, StateKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(model);
        var builder = new TreeBuilder(kinds);
        builder.Visit(model);
        return builder._maps.EndAsMap(builder._levels[0].Mark);
    }

    public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
    {
        if ((kind & _kinds) == 0) return false;
        ref var level = ref _levels[_depth];
        if (IndexOf(ref level, key) >= 0)
            throw new CheckpointException($"Two state members save as '{PathOf(key)}'; give one of them another Name.");
        Add(ref level, key, StateDict.NodeSlot.Compact(codec.Write(value)));
        return false;
    }

    protected override bool EnterChild(string key) => EnterChildren(key, 0);

    // A list of children makes room for its entries at once (a list of 100,000 layers: one array, not seventeen).
    protected override bool EnterChildren(string key, int count)
    {
        if (++_depth == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        _levels[_depth] = new Level(key, _maps.Begin(count));
        return true;
    }

    // A child that holds selected members becomes an entry of its parent; one without them leaves no map.
    protected override void ExitChild()
    {
        var child = _levels[_depth];
        _levels[_depth--] = default;
        if (_maps.CountSince(child.Mark) == 0) return;
        var map = _maps.End(child.Mark);
        ref var parent = ref _levels[_depth];
        var existing = IndexOf(ref parent, child.Key);
        if (existing < 0)
        {
            Add(ref parent, child.Key, map);
            return;
        }

        // Two children under one key (a child and a list of the same name) share one map, as they always have.
        var earlier = _maps.SlotAt(parent.Mark, existing);
        if (!earlier.IsMap)
            throw new CheckpointException($"A state member and a child model both save as '{PathOf(child.Key)}'.");
        var merged = (StateDict)earlier.Node;
        Merge(merged, (StateDict)map.Node, PathOf(child.Key));
        _maps.SetAt(parent.Mark, existing, StateDict.NodeSlot.Of(merged));
    }

    private static void Merge(StateDict into, StateDict from, string path)
    {
        foreach (var (key, node) in from)
        {
            var at = path + StateDict.PathSeparator + key;
            if (!into.TryGetValue(key, out var existing)) into.Add(key, node);
            else if (existing is StateDict intoChild && node is StateDict fromChild) Merge(intoChild, fromChild, at);
            else if (existing is StateDict || node is StateDict) throw new CheckpointException($"A state member and a child model both save as '{at}'.");
            else throw new CheckpointException($"Two state members save as '{at}'; give one of them another Name.");
        }
    }

    // The position of `key` among the level's entries so far, or -1: by number while the keys are "0", "1", ...
    // (a list of children, the large levels), by a scan for a few keys, by an index beyond that.
    private int IndexOf(ref Level level, string key)
    {
        var count = _maps.CountSince(level.Mark);
        if (level.IsSequence) return IndexKeys.TryParse(key, out var position) && position < count ? position : -1;
        if (count <= ScanLimit) return _maps.IndexOf(level.Mark, key);
        if (level.Index is null)
        {
            level.Index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++) level.Index[_maps.KeyAt(level.Mark, i)] = i;
        }

        return level.Index.TryGetValue(key, out var found) ? found : -1;
    }

    private void Add(ref Level level, string key, StateDict.NodeSlot value)
    {
        var position = _maps.CountSince(level.Mark);
        _maps.Add(key, value);
        level.IsSequence = level.IsSequence && IndexKeys.Is(key, position);
        level.Index?.Add(key, position);
    }

    private struct Level(string key, int mark)
    {
        public readonly string Key = key;
        public readonly int Mark = mark;
        public bool IsSequence = true;
        public Dictionary<string, int>? Index;
    }
}
