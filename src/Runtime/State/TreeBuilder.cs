using Checkpoint.Generated;

namespace Checkpoint;

/// <summary>
/// Builds the nested state dictionary of a model (the one tree every format writer takes): one visit, maps made
/// only for levels that hold a selected member, leaves made by each member's codec (tensors referenced, not copied).
/// </summary>
internal sealed class TreeBuilder : StateVisitor
{
    private readonly StateKinds _kinds;
    private readonly List<(string Key, StateDict? Map)> _levels = [];

    private TreeBuilder(StateKinds kinds, StateDict root)
    {
        _kinds = kinds;
        _levels.Add(("", root));
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
        var map = CurrentMap();
        if (map.ContainsKey(key))
            throw new CheckpointException($"Two state members save as '{PathOf(key)}'; give one of them another Name.");
        map.AddUnchecked(key, codec.Write(value));
        return false;
    }

    protected override bool EnterChild(string key)
    {
        _levels.Add((key, null));
        return true;
    }

    protected override void ExitChild() => _levels.RemoveAt(_levels.Count - 1);

    // The map of the current level, made (with those of the levels above) when its first member arrives.
    private StateDict CurrentMap()
    {
        var last = _levels.Count - 1;
        if (_levels[last].Map is { } map) return map;
        var first = last;
        while (_levels[first - 1].Map is null) first--;
        for (var i = first; i <= last; i++)
        {
            var parent = _levels[i - 1].Map!;
            var key = _levels[i].Key;
            if (parent.TryGetValue(key, out var existing) && existing is not StateDict)
                throw new CheckpointException($"A state member and a child model both save as '{string.Join(StateDict.PathSeparator, _levels.Skip(1).Take(i).Select(l => l.Key))}'.");
            var child = parent.GetOrAddDict(key);
            _levels[i] = (key, child);
        }

        return _levels[last].Map!;
    }
}
