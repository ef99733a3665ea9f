namespace Checkpoint;

/// <summary>Builds and copies state trees.</summary>
public static class StateTree
{
    /// <summary>A nested state dictionary holding the given entries (of one model or several), in order.</summary>
    public static StateDict FromEntries(IEnumerable<StateEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var root = new StateDict();
        foreach (var entry in entries) root.SetPath(entry.Segments, entry.ToNode());
        return root;
    }

    /// <summary>
    /// A copy whose tensors have their own memory: a snapshot that later model updates do not change. Each tensor
    /// is copied once, in bulk; lazy leaves of an open file are read into memory.
    /// </summary>
    public static StateDict DeepClone(StateDict source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new StateDict(source.Count);
        for (var i = 0; i < source.Count; i++) copy.AddUnchecked(source.KeyAt(i), DeepClone(source.ValueAt(i)));
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

    /// <summary>
    /// Reads every lazy array of <paramref name="node"/> into memory (in place: the same nodes, now loaded), so the
    /// tree stays usable after the file it was read from is closed.
    /// </summary>
    public static void Materialize(StateNode node) => Materialize(node, CancellationToken.None);

    /// <summary>As <see cref="Materialize(StateNode)"/>, checking <paramref name="cancellationToken"/> between arrays.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the arrays read so far stay in memory.</exception>
    public static void Materialize(StateNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case StateDict map:
                for (var i = 0; i < map.Count; i++) Materialize(map.ValueAt(i), cancellationToken);
                break;
            case TensorNode { IsLoaded: false } lazy:
                cancellationToken.ThrowIfCancellationRequested();
                _ = lazy.Tensor;
                break;
        }
    }
}
