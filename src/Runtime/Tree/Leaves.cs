using System.Globalization;
using System.Numerics;

namespace Checkpoint;

/// <summary>An n-dimensional array leaf. The tensor is referenced, not copied.</summary>
public sealed class TensorNode(INdArray tensor) : StateNode
{
    /// <summary>The tensor (shared with whoever built the node).</summary>
    public INdArray Tensor { get; } = tensor ?? throw new ArgumentNullException(nameof(tensor));

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Tensor;

    /// <inheritdoc />
    public override string ToString() => $"ndarray {Tensor.DType.NumpyName()}{TensorShape.Format(Tensor.Shape)}";
}

/// <summary>
/// A numpy scalar leaf (msgpack ext 3): one value that keeps its dtype. Held as a zero-dimensional tensor.
/// </summary>
public sealed class NumpyScalarNode : StateNode
{
    /// <summary>Wraps a zero-dimensional tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is not zero-dimensional.</exception>
    public NumpyScalarNode(INdArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Shape.Count != 0)
            throw new ArgumentException($"A numpy scalar is zero-dimensional; got shape {TensorShape.Format(value.Shape)}.");
        Value = value;
    }

    /// <summary>The value as a zero-dimensional tensor.</summary>
    public INdArray Value { get; }

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.NumpyScalar;

    /// <summary>A numpy scalar of the element type of <typeparamref name="T"/>.</summary>
    public static NumpyScalarNode From<T>(T value) where T : unmanaged => new(NdArray<T>.Scalar(value));

    /// <inheritdoc />
    public override string ToString() => $"npscalar {Value.DType.NumpyName()}";
}

/// <summary>A Python complex leaf (msgpack ext 2, two float64).</summary>
public sealed class ComplexNode(Complex value) : StateNode
{
    /// <summary>The value.</summary>
    public Complex Value { get; } = value;

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Complex;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An integer leaf; holds every value msgpack can encode (−2^63 … 2^64−1).</summary>
public sealed class IntegerNode : StateNode
{
    /// <summary>A signed value.</summary>
    public IntegerNode(long value) => Value = value;

    /// <summary>An unsigned value (values above <see cref="long.MaxValue"/> need this).</summary>
    public IntegerNode(ulong value) => Value = value;

    /// <summary>Any value in msgpack's integer range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside −2^63 … 2^64−1.</exception>
    public IntegerNode(Int128 value)
    {
        if (value < long.MinValue || value > ulong.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(value), value, "msgpack integers range from -2^63 to 2^64-1.");
        Value = value;
    }

    /// <summary>The value.</summary>
    public Int128 Value { get; }

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Integer;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A float64 leaf (a Python float).</summary>
public sealed class FloatNode(double value) : StateNode
{
    /// <summary>The value.</summary>
    public double Value { get; } = value;

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Float;

    /// <inheritdoc />
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A boolean leaf.</summary>
public sealed class BoolNode(bool value) : StateNode
{
    /// <summary>The value.</summary>
    public bool Value { get; } = value;

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Bool;

    /// <inheritdoc />
    public override string ToString() => Value ? "True" : "False";
}

/// <summary>A string leaf.</summary>
public sealed class StringNode(string value) : StateNode
{
    /// <summary>The value.</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.String;

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>A byte-string leaf (msgpack bin).</summary>
public sealed class BytesNode(byte[] value) : StateNode
{
    /// <summary>The bytes (not copied).</summary>
    public byte[] Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Bytes;

    /// <inheritdoc />
    public override string ToString() => $"bytes[{Value.Length}]";
}

/// <summary>The null leaf (Python None).</summary>
public sealed class NullNode : StateNode
{
    private NullNode()
    {
    }

    /// <summary>The one null leaf.</summary>
    public static NullNode Instance { get; } = new();

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Null;

    /// <inheritdoc />
    public override string ToString() => "None";
}
