namespace Checkpoint;

/// <summary>
/// Access to a <see cref="Quantity"/> member, saved as braintools saves a brainunit Quantity (the map of
/// <see cref="Quantity.ToNode"/>). A load needs the same unit (<c>unit mismatch: expected mV, got ms</c>) and,
/// when the member holds a value, the same shape; the mantissa is converted losslessly to the member's dtype.
/// The loaded value is a new <see cref="Quantity"/> with its own mantissa.
/// </summary>
public sealed class QuantityAccessor(Func<Quantity?> get, Action<Quantity> set) : StateAccessor
{
    /// <inheritdoc />
    public override Type ValueType => typeof(Quantity);

    /// <inheritdoc />
    public override DType? DType => get()?.DType;

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => get()?.Shape ?? [];

    /// <inheritdoc />
    public override object? GetValue() => get();

    /// <inheritdoc />
    public override void SetValue(object? value) => set((Quantity)value!);

    /// <inheritdoc />
    public override StateNode ToNode() => get()?.ToNode() ?? (StateNode)NullNode.Instance;

    /// <inheritdoc />
    public override LoadCheck PrepareLoad(StateNode node) => Prepare(get(), node, set);

    /// <summary>The load check shared by this accessor and typed-tree loading.</summary>
    internal static LoadCheck Prepare(Quantity? current, StateNode node, Action<Quantity> set)
    {
        // A null member saves as nil; nil loads back into a null member as "nothing to do".
        if (node is NullNode && current is null) return LoadCheck.Ok(static () => { });
        if (!Quantity.TryFromNode(node, out var loaded, out var reason)) return LoadCheck.Fail(reason);
        if (current is null)
        {
            var copy = loaded.Mantissa.Clone();
            return LoadCheck.Ok(() => set(new Quantity(copy, loaded.Unit)));
        }

        if (!current.Unit.Equals(loaded.Unit)) return LoadCheck.Fail($"unit mismatch: expected {current.Unit}, got {loaded.Unit}");
        if (!TensorShape.Equal(current.Shape, loaded.Shape)) return LoadCheck.ShapeMismatch(loaded.Shape, current.Shape);
        var mantissa = DTypes.CreateTensor(current.DType, [.. current.Shape]);
        return TensorLoading.PrepareCopy(loaded.Mantissa, mantissa, () => set(new Quantity(mantissa, current.Unit)));
    }
}
