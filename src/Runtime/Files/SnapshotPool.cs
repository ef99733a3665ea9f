namespace Checkpoint;

/// <summary>
/// Copies of state trees for background saves, made with one bulk copy per array into memory kept from the last
/// snapshot of the same shapes: a periodic save of the same model copies into warm memory (no allocation, no page
/// faults, no zeroing), so the time training waits is about one memcpy of the state.
/// </summary>
/// <remarks>
/// The pool keeps the buffers of one snapshot alive between saves (the price of double buffering: one copy of
/// the saved state). Not thread-safe; the background saver takes and returns snapshots under its gate.
/// </remarks>
internal sealed class SnapshotPool
{
    private readonly Dictionary<Key, Stack<INdArray>> _free = new(KeyComparer.Instance);

    /// <summary>A copy of <paramref name="node"/> whose arrays are this pool's (lazy arrays are read in).</summary>
    public StateNode Take(StateNode node) => node switch
    {
        StateDict map => TakeMap(map),
        TensorNode tensor => new TensorNode(Copy(tensor)),
        NumpyScalarNode scalar => new NumpyScalarNode(scalar.Value.Clone()),
        BytesNode bytes => new BytesNode((byte[])bytes.Value.Clone()),
        _ => node,
    };

    /// <summary>Gives the arrays of a snapshot back once it has been written.</summary>
    public void Return(StateNode snapshot)
    {
        switch (snapshot)
        {
            case StateDict map:
                for (var i = 0; i < map.Count; i++) Return(map.ValueAt(i));
                break;
            case TensorNode { IsLoaded: true } tensor:
                var key = new Key(tensor.DType, [.. tensor.Shape]);
                if (!_free.TryGetValue(key, out var stack)) _free[key] = stack = new Stack<INdArray>();
                stack.Push(tensor.Tensor);
                break;
        }
    }

    private StateDict TakeMap(StateDict map)
    {
        var copy = new StateDict(map.Count);
        for (var i = 0; i < map.Count; i++) copy.AddUnchecked(map.KeyAt(i), Take(map.ValueAt(i)));
        return copy;
    }

    private INdArray Copy(TensorNode source)
    {
        var shape = source.Shape as int[] ?? [.. source.Shape];
        var target = _free.TryGetValue(new Key(source.DType, shape), out var stack) && stack.TryPop(out var reused)
            ? reused
            : DTypes.CreateTensor(source.DType, shape, zeroed: false);
        source.CopyTo(target);
        return target;
    }

    private readonly record struct Key(DType DType, int[] Shape);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(Key x, Key y) => x.DType == y.DType && x.Shape.AsSpan().SequenceEqual(y.Shape);

        public int GetHashCode(Key key)
        {
            var hash = new HashCode();
            hash.Add(key.DType);
            foreach (var dim in key.Shape) hash.Add(dim);
            return hash.ToHashCode();
        }
    }
}
