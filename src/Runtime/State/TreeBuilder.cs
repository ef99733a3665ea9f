using Checkpoint.Generated;

namespace Checkpoint;

/// <summary>
/// Builds the nested state dictionary of a model (the one tree every format writer takes): one visit, maps made
/// only for levels that hold a selected member, leaves made by each member's codec (tensors referenced, not copied).
/// </summary>
internal sealed class TreeBuilder : StateVisitor
{
    private readonly StateKinds _kinds;

    // The key and (once a member needs it) the map of each level from the root down.
    private (string Key, StateDict? Map)[] _levels = new (string, StateDict?)[16];
    private int _depth;

    private TreeBuilder(StateKinds kinds, StateDict root)
    {
        _kinds = kinds;
        _levels[0] = ("", root);
    }

    /// <summary>The tree of <paramref name="model"/>'s members of <paramref name="kinds"/>.</summary>
    public static StateDict Build(IStateful model, StateKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(model);
        var root = new StateDict();
        new TreeBuilder(kinds, root).Visit(model);
        return root;
    }

    public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
    {
        if ((kind & _kinds) == 0) return false;
        var map = _levels[_depth].Map ?? CurrentMap();
        if (map.ContainsKey(key))
            throw new CheckpointException($"Two state members save as '{PathOf(key)}'; give one of them another Name.");
        map.AddUnchecked(key, codec.Write(value));
        return false;
    }

    protected override bool EnterChild(string key)
    {
        if (++_depth == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        _levels[_depth] = (key, null);
        return true;
    }

    protected override void ExitChild() => _levels[_depth--] = default;

    // The map of the current level, made (with those of the levels above) when its first member arrives.
    private StateDict CurrentMap()
    {
        var first = _depth;
        while (_levels[first - 1].Map is null) first--;
        for (var i = first; i <= _depth; i++)
        {
            var parent = _levels[i - 1].Map!;
            var key = _levels[i].Key;
            if (parent.TryGetValue(key, out var existing) && existing is not StateDict)
                throw new CheckpointException($"A state member and a child model both save as '{string.Join(StateDict.PathSeparator, _levels.Skip(1).Take(i).Select(l => l.Key))}'.");
            _levels[i].Map = parent.GetOrAddDict(key);
        }

        return _levels[_depth].Map!;
    }
}
