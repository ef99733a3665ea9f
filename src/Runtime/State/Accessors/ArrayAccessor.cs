namespace Checkpoint;

/// <summary>
/// Access to an array member of any rank (<c>float[]</c>, <c>double[,]</c>), saved as a tensor of the array's
/// shape. Loads copy into the existing array when shapes match; otherwise a new one is made by <c>create</c>.
/// </summary>
/// <typeparam name="TElement">The element type.</typeparam>
/// <typeparam name="TArray">The array type.</typeparam>
public sealed class ArrayAccessor<TElement, TArray>(Func<TArray?> get, Action<TArray> set, Func<int[], TArray> create)
    : StateAccessor
    where TElement : unmanaged
    where TArray : class
{
    /// <inheritdoc />
    public override Type ValueType => typeof(TArray);

    /// <inheritdoc />
    public override DType? DType => DTypes.Of<TElement>();

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => View(get())?.Shape ?? [];

    /// <inheritdoc />
    public override object? GetValue() => get();

    /// <inheritdoc />
    public override void SetValue(object? value) => set((TArray)value!);

    /// <inheritdoc />
    public override StateNode ToNode() => View(get()) is { } view ? new TensorNode(view) : NullNode.Instance;

    /// <inheritdoc />
    public override LoadCheck PrepareLoad(StateNode node)
    {
        // A null member saves as nil; nil loads back into a null member as "nothing to do".
        if (node is NullNode && get() is null) return LoadCheck.Ok(static () => { });
        if (!TensorLoading.TryGetTensor(node, out var source, out var reason)) return LoadCheck.Fail(reason);
        var target = View(get());
        if (target is null)
        {
            // The array's rank is fixed by its type: a source of another rank is a shape mismatch, checked
            // before the generated factory indexes the shape.
            if (source.Shape.Count != Rank)
                return LoadCheck.Fail($"shape {TensorShape.Format(source.Shape)} in the source, a {Rank}-dimensional array in the target");
            var created = create([.. source.Shape]);
            return TensorLoading.PrepareCopy(source, View(created)!, () => set(created));
        }

        if (!TensorShape.Equal(source.Shape, target.Shape)) return LoadCheck.ShapeMismatch(source.Shape, target.Shape);
        return TensorLoading.PrepareCopy(source, target, null);
    }

    // The rank of TArray (1 for T[], 2 for T[,], ...): type metadata read once per array type, not per load.
    private static readonly int Rank = typeof(TArray).IsArray ? typeof(TArray).GetArrayRank() : 1;

    private static ArrayTensorView<TElement>? View(TArray? array) =>
        array is null ? null : new ArrayTensorView<TElement>((Array)(object)array);
}
