namespace Checkpoint;

/// <summary>Access to a <see cref="NdArray{T}"/> member. Loads copy into the existing tensor when shapes match.</summary>
public sealed class TensorAccessor<T>(Func<NdArray<T>?> get, Action<NdArray<T>> set) : StateAccessor
    where T : unmanaged
{
    /// <inheritdoc />
    public override Type ValueType => typeof(NdArray<T>);

    /// <inheritdoc />
    public override DType? DType => DTypes.Of<T>();

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => get()?.Shape ?? [];

    /// <inheritdoc />
    public override object? GetValue() => get();

    /// <inheritdoc />
    public override void SetValue(object? value) => set((NdArray<T>)value!);

    /// <inheritdoc />
    public override StateNode ToNode() => get() is { } tensor ? new TensorNode(tensor) : NullNode.Instance;

    /// <inheritdoc />
    public override LoadCheck PrepareLoad(StateNode node)
    {
        // A null member saves as nil; nil loads back into a null member as "nothing to do".
        if (node is NullNode && get() is null) return LoadCheck.Ok(static () => { });
        if (!TensorLoading.TryGetTensor(node, out var source, out var reason)) return LoadCheck.Fail(reason);
        var target = get();
        if (target is null)
        {
            // Nothing to keep: take the source's shape.
            var created = NdArray<T>.Zeros([.. source.Shape]);
            return TensorLoading.PrepareCopy(source, created, () => set(created));
        }

        if (!TensorShape.Equal(source.Shape, target.Shape)) return LoadCheck.ShapeMismatch(source.Shape, target.Shape);
        return TensorLoading.PrepareCopy(source, target, null);
    }
}
