using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// <see cref="Quantity"/> values, saved as braintools saves a brainunit Quantity (the map of
/// <see cref="Quantity.ToNode"/>). A load needs the same unit (<c>unit mismatch: expected mV, got ms</c>) and,
/// when the member holds a value, the same shape; the mantissa is converted losslessly to the member's dtype.
/// The loaded value is a new <see cref="Quantity"/> with its own mantissa.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class QuantityCodec : ValueCodec<Quantity?>
{
    private QuantityCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static QuantityCodec Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(Quantity? value) => value?.ToNode() ?? (StateNode)NullNode.Instance;

    /// <inheritdoc />
    public override ValueLoad<Quantity?> Read(StateNode source, Quantity? current)
    {
        if (source is NullNode && current is null) return ValueLoad<Quantity?>.Keep;
        if (!Quantity.TryReadParts(source, out var mantissaNode, out var unit, out var reason)) return ValueLoad<Quantity?>.Fail(reason);
        if (current is null)
        {
            var copy = DTypes.CreateTensor(mantissaNode.DType, [.. mantissaNode.Shape]);
            return ValueLoad<Quantity?>.FillThenReplace(mantissaNode, copy, new Quantity(copy, unit));
        }

        if (!current.Unit.Equals(unit)) return ValueLoad<Quantity?>.Fail($"unit mismatch: expected {current.Unit}, got {unit}");
        if (!TensorShape.Equal(current.Shape, mantissaNode.Shape)) return ValueLoad<Quantity?>.ShapeMismatch(mantissaNode.Shape, current.Shape);
        var mantissa = DTypes.CreateTensor(current.DType, [.. current.Shape]);
        return TensorLoads.IntoNew<Quantity?>(mantissaNode, mantissa, new Quantity(mantissa, current.Unit));
    }

    /// <inheritdoc />
    public override DType? DTypeOf(Quantity? value) => value?.DType;

    /// <inheritdoc />
    public override IReadOnlyList<int> ShapeOf(Quantity? value) => value?.Shape ?? [];
}
