namespace Checkpoint;

/// <summary>Builds and copies state trees.</summary>
public static class StateTree
{
    /// <summary>
    /// The nested state dictionary of a model: the shared implementation behind every generated
    /// <see cref="IStateful.ToStateDict"/>. Leaves refer to the model's memory.
    /// </summary>
    public static StateDict ToStateDict(IStateful model, StateKinds kinds = StateKinds.Persistent)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromEntries(model.States(kinds));
    }

    /// <summary>A nested state dictionary holding the given entries, in order.</summary>
    public static StateDict FromEntries(IEnumerable<StateEntry> entries)
    {
        var root = new StateDict();
        foreach (var entry in entries) root.SetPath(entry.Segments, entry.Accessor.ToNode());
        return root;
    }

    /// <summary>A copy whose tensors have their own memory: a snapshot that later model updates do not change.</summary>
    public static StateDict DeepClone(StateDict source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new StateDict();
        foreach (var (key, node) in source) copy.Add(key, DeepClone(node));
        return copy;
    }

    /// <summary>A copy of one node (tensors and byte strings copied; other leaves are immutable and shared).</summary>
    public static StateNode DeepClone(StateNode node) => node switch
    {
        StateDict map => DeepClone(map),
        TensorNode tensor => new TensorNode(tensor.Tensor.Clone()),
        NumpyScalarNode scalar => new NumpyScalarNode(scalar.Value.Clone()),
        BytesNode bytes => new BytesNode((byte[])bytes.Value.Clone()),
        _ => node,
    };
}
