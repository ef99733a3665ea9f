using Checkpoint.Generated;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Checkpoint;

/// <summary>
/// A value with a unit, brainunit's <c>Quantity</c>: a mantissa tensor (zero-dimensional for a scalar) expressed
/// in <see cref="Unit"/>, so <c>10 * Units.ms</c> has mantissa 10 and unit <c>ms</c>. Saved exactly as braintools
/// saves a Quantity: the map <c>{"mantissa", "scale", "base", "dim", "factor"}</c> (see <see cref="ToNode"/>).
/// </summary>
/// <remarks>The mantissa tensor is referenced, not copied; a quantity never changes its unit.</remarks>
public sealed class Quantity : IEquatable<Quantity>
{
    /// <summary>The keys of the saved map, in braintools' order.</summary>
    internal static readonly string[] MapKeys = ["mantissa", "scale", "base", "dim", "factor"];

    /// <summary>Wraps a mantissa (not copied) with a unit.</summary>
    public Quantity(INdArray mantissa, Unit unit)
    {
        Mantissa = mantissa ?? throw new ArgumentNullException(nameof(mantissa));
        Unit = unit ?? throw new ArgumentNullException(nameof(unit));
    }

    /// <summary>A scalar quantity with a float64 mantissa.</summary>
    public Quantity(double value, Unit unit)
        : this(NdArray<double>.Scalar(value), unit)
    {
    }

    /// <summary>The numbers, in <see cref="Unit"/>; zero-dimensional for a scalar.</summary>
    public INdArray Mantissa { get; }

    /// <summary>The unit the mantissa is expressed in.</summary>
    public Unit Unit { get; }

    /// <summary>The mantissa's shape; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => Mantissa.Shape;

    /// <summary>The mantissa's element type.</summary>
    public DType DType => Mantissa.DType;

    /// <summary>True when the mantissa is zero-dimensional.</summary>
    public bool IsScalar => Mantissa.Shape.Count == 0;

    /// <summary>The single value of the mantissa as a float64 (in <see cref="Unit"/>).</summary>
    /// <exception cref="InvalidOperationException">The mantissa has more or fewer than one element.</exception>
    public double Value
    {
        get
        {
            if (Mantissa.Length != 1)
                throw new InvalidOperationException($"Quantity of shape {TensorShape.Format(Shape)} has {Mantissa.Length} values, not one.");
            return TensorConversion.Read(Mantissa.DType, Mantissa.AsBytes(), 0).Real;
        }
    }

    /// <summary>The single value expressed in <paramref name="unit"/> (<c>(10 * Units.ms).ValueIn(Units.s)</c> is 0.01).</summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public double ValueIn(Unit unit) => In(unit).Value;

    /// <summary>
    /// The same quantity expressed in <paramref name="unit"/>. Float32 and float64 mantissas keep their dtype,
    /// other dtypes become float64. The same unit returns this instance.
    /// </summary>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public Quantity In(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Equals(Unit)) return this;
        if (!Unit.HasSameDimension(unit))
            throw new ArgumentException(
                $"Cannot express a quantity in {Unit} as {unit}: dimension {Unit.DimensionText()} is not {unit.DimensionText()}.", nameof(unit));
        var dtype = Mantissa.DType is DType.Float32 or DType.Float64 ? Mantissa.DType : DType.Float64;
        var result = DTypes.CreateTensor(dtype, [.. Mantissa.Shape]);
        var source = Mantissa.AsBytes();
        var target = result.AsBytes();
        for (var i = 0; i < Mantissa.Length; i++)
        {
            var value = TensorConversion.Read(Mantissa.DType, source, i).Real;
            TensorConversion.Write(dtype, target, i, new Complex(Convert(value, Unit, unit), 0));
        }

        return new Quantity(result, unit);
    }

    /// <summary>
    /// The map braintools writes for a brainunit Quantity: <c>mantissa</c> (the tensor, zero-dimensional for a
    /// scalar), <c>scale</c> (int), <c>base</c> (float64), <c>dim</c> (int64 array of 7) and <c>factor</c> (float64).
    /// The mantissa is referenced, not copied.
    /// </summary>
    public StateDict ToNode()
    {
        var dims = new long[Unit.DimensionCount];
        for (var i = 0; i < dims.Length; i++) dims[i] = Unit.Dimensions[i];
        return new StateDict
        {
            { "mantissa", new TensorNode(Mantissa) },
            { "scale", new IntegerNode(Unit.Scale) },
            { "base", new FloatNode(Unit.Base) },
            { "dim", new TensorNode(NdArray<long>.FromData(dims, [Unit.DimensionCount])) },
            { "factor", new FloatNode(Unit.Factor) },
        };
    }

    /// <summary>Reads a quantity from the map <see cref="ToNode"/> (or Python braintools) writes.</summary>
    /// <exception cref="CheckpointException">The node is not such a map; the message says what is wrong.</exception>
    public static Quantity FromNode(StateNode node) =>
        TryFromNode(node, out var quantity, out var reason) ? quantity : throw new CheckpointException($"Not a saved Quantity: {reason}.");

    /// <summary>Reads a quantity from a saved map; on failure <paramref name="reason"/> says why.</summary>
    public static bool TryFromNode(StateNode node, [NotNullWhen(true)] out Quantity? quantity, [NotNullWhen(false)] out string? reason)
    {
        quantity = TryReadParts(node, out var mantissa, out var unit, out reason) ? new Quantity(mantissa.Tensor, unit) : null;
        return quantity is not null;
    }

    /// <summary>
    /// Reads the parts of a saved quantity map without reading the mantissa's bytes (it may still be in a file):
    /// loads check the unit and shape first and copy the bytes only when they apply.
    /// </summary>
    internal static bool TryReadParts(
        StateNode node, [NotNullWhen(true)] out TensorNode? mantissa, [NotNullWhen(true)] out Unit? unit, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(node);
        mantissa = null;
        unit = null;
        if (node is not StateDict map)
        {
            reason = $"expected a quantity map {{mantissa, scale, base, dim, factor}}, found {TensorLoads.Describe(node)}";
            return false;
        }

        if (!map.TryGetValue("mantissa", out var mantissaNode) || !map.TryGetValue("scale", out var scaleNode) || !map.TryGetValue("dim", out var dimNode))
        {
            reason = $"expected a quantity map {{mantissa, scale, base, dim, factor}}, found a map with keys {{{string.Join(", ", map.Keys)}}}";
            return false;
        }

        if (!TryMantissa(mantissaNode, out mantissa)) { reason = $"'mantissa' is {TensorLoads.Describe(mantissaNode)}, not an array"; return false; }
        if (!TryInteger(scaleNode, out var scale)) { reason = $"'scale' is {TensorLoads.Describe(scaleNode)}, not an integer"; return false; }
        if (!TryDimensions(dimNode, out var dims)) { reason = $"'dim' is {TensorLoads.Describe(dimNode)}, not 7 integer exponents"; return false; }
        var @base = 10.0;
        var factor = 1.0;
        if (map.TryGetValue("base", out var baseNode) && !TryReal(baseNode, out @base)) { reason = $"'base' is {TensorLoads.Describe(baseNode)}, not a number"; return false; }
        if (map.TryGetValue("factor", out var factorNode) && !TryReal(factorNode, out factor)) { reason = $"'factor' is {TensorLoads.Describe(factorNode)}, not a number"; return false; }
        if (!double.IsFinite(factor) || factor <= 0 || !double.IsFinite(@base) || @base <= 0)
        {
            reason = $"factor {factor} and base {@base} must be positive and finite";
            return false;
        }

        unit = Unit.FromComponents(dims, scale, factor, @base);
        reason = null;
        return true;
    }

    /// <summary>Same unit and the same mantissa (dtype, shape and bits).</summary>
    public bool Equals(Quantity? other) =>
        other is not null && Unit.Equals(other.Unit) && Mantissa.DType == other.Mantissa.DType
        && TensorShape.Equal(Mantissa.Shape, other.Mantissa.Shape) && Mantissa.AsBytes().SequenceEqual(other.Mantissa.AsBytes());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Unit, Mantissa.DType, Mantissa.Length);

    /// <summary><c>-50 mV</c>, <c>[10, 20] ms</c>, or the dtype and shape for more than 8 values.</summary>
    public override string ToString()
    {
        if (IsScalar) return $"{Value.ToString("R", CultureInfo.InvariantCulture)} {Unit}";
        if (Mantissa.Length > 8) return $"{Mantissa.DType.NumpyName()}{TensorShape.Format(Shape)} {Unit}";
        var values = new string[Mantissa.Length];
        var bytes = Mantissa.AsBytes();
        for (var i = 0; i < values.Length; i++)
            values[i] = TensorConversion.Read(Mantissa.DType, bytes, i).Real.ToString("R", CultureInfo.InvariantCulture);
        return $"[{string.Join(", ", values)}] {Unit}";
    }

    // Scales by a power of the base without first forming 10^-3-style inexact multipliers on both sides.
    private static double Convert(double value, Unit from, Unit to)
    {
        var exponent = from.Scale - to.Scale;
        var scaled = exponent >= 0 ? value * Math.Pow(from.Base, exponent) : value / Math.Pow(from.Base, -exponent);
        return from.Factor.Equals(to.Factor) ? scaled : scaled * from.Factor / to.Factor;
    }

    private static bool TryMantissa(StateNode node, [NotNullWhen(true)] out TensorNode? tensor)
    {
        tensor = node switch
        {
            TensorNode t => t,
            NumpyScalarNode s => new TensorNode(s.Value),
            FloatNode f => new TensorNode(NdArray<double>.Scalar(f.Value)),
            IntegerNode i when i.Value >= long.MinValue && i.Value <= long.MaxValue => new TensorNode(NdArray<long>.Scalar((long)i.Value)),
            _ => null,
        };
        return tensor is not null;
    }

    private static bool TryInteger(StateNode node, out int value)
    {
        value = 0;
        return ScalarNodes.TryRead(node, out var number) && ScalarNodes.TryConvert(number, out value);
    }

    private static bool TryReal(StateNode node, out double value)
    {
        value = 0;
        return ScalarNodes.TryRead(node, out var number) && ScalarNodes.TryConvert(number, out value);
    }

    private static bool TryDimensions(StateNode node, [NotNullWhen(true)] out int[]? dims)
    {
        dims = null;
        // The 7 exponents are tiny: reading them from a lazy leaf costs one small read.
        if (node is not TensorNode { Shape: [Unit.DimensionCount] } dimNode || dimNode.ByteLength > 1024) return false;
        var tensor = dimNode.Tensor;
        var bytes = tensor.AsBytes();
        var result = new int[Unit.DimensionCount];
        for (var i = 0; i < result.Length; i++)
        {
            var value = TensorConversion.Read(tensor.DType, bytes, i);
            // brainunit allows fractional exponents in principle; this library keeps integer ones only.
            if (value.Imaginary != 0 || Math.Floor(value.Real) != value.Real || Math.Abs(value.Real) > 1000) return false;
            result[i] = (int)value.Real;
        }

        dims = result;
        return true;
    }
}
