using System.Globalization;
using System.Numerics;

namespace Checkpoint;

/// <summary>
/// An n-dimensional array leaf: either a tensor in memory (referenced, not copied) or a lazy reference to
/// array bytes that are still in a file (<see cref="TensorData"/>), read when someone asks for them. Dtype and
/// shape are known either way, so a whole file can be checked against a target before any array is read.
/// </summary>
public sealed class TensorNode : StateNode
{
    // Kept small (a model of 100,000 layers has 100,000 of these): the shape of a lazy leaf, and one payload
    // that is either the bytes' source (lazy) or the tensor (in memory, or once read).
    private readonly int[]? _shape;
    private object _payload;

    /// <summary>A leaf holding a tensor in memory (not copied).</summary>
    public TensorNode(INdArray tensor)
    {
        _payload = tensor ?? throw new ArgumentNullException(nameof(tensor));
        DType = tensor.DType;
    }

    /// <summary>A lazy leaf: an array of <paramref name="dtype"/> and <paramref name="shape"/> whose bytes <paramref name="data"/> reads on request.</summary>
    /// <exception cref="ArgumentException">The data's length is not what the dtype and shape need.</exception>
    public TensorNode(DType dtype, int[] shape, TensorData data)
        : this(dtype, (int[])ValidShape(shape).Clone(), data, 0)
    {
        if (data.ByteLength != ByteLength)
            throw new ArgumentException($"A {dtype.NumpyName()}{TensorShape.Format(shape)} array needs {ByteLength} bytes; the data holds {data.ByteLength}.", nameof(data));
    }

    /// <summary>
    /// A lazy leaf whose bytes are those of its dtype and shape in <paramref name="data"/> from <paramref name="dataOffset"/>
    /// on: readers share one source per file instead of one object per array. The shape array is kept (not copied):
    /// readers share equal shapes.
    /// </summary>
    internal TensorNode(DType dtype, int[] shape, TensorData data, long dataOffset)
    {
        ArgumentNullException.ThrowIfNull(data);
        DType = dtype;
        _shape = shape;
        _payload = data;
        DataOffset = dataOffset;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The shape; empty for a zero-dimensional array.</summary>
    public IReadOnlyList<int> Shape => _shape ?? ((INdArray)_payload).Shape;

    /// <summary>The number of data bytes.</summary>
    public long ByteLength => _shape is null ? ((INdArray)_payload).ByteLength : TensorShape.ElementCountLong(_shape) * DType.ItemSize();

    /// <summary>Where the bytes of a lazy leaf not read yet are (from <see cref="DataOffset"/> on); null once the leaf is in memory.</summary>
    public TensorData? Data => Volatile.Read(ref _payload) as TensorData;

    /// <summary>The tensor of a leaf made in memory (not read from a file); null for a lazy leaf, read or not.</summary>
    internal INdArray? InMemoryTensor => _shape is null ? (INdArray)_payload : null;

    /// <summary>Where this leaf's bytes start in <see cref="Data"/>.</summary>
    public long DataOffset { get; }

    /// <summary>Whether the tensor is in memory (a lazy leaf is once <see cref="Tensor"/> has been read).</summary>
    public bool IsLoaded => Volatile.Read(ref _payload) is INdArray;

    /// <summary>
    /// The tensor. For a lazy leaf the bytes are read from the file the first time (and kept); copy straight into
    /// existing memory with <see cref="CopyTo"/> instead to avoid holding them twice.
    /// </summary>
    /// <exception cref="CheckpointException">The file could not be read (it was closed, or changed since it was opened).</exception>
    public INdArray Tensor
    {
        get
        {
            var payload = Volatile.Read(ref _payload);
            if (payload is INdArray loaded) return loaded;
            var tensor = DTypes.CreateTensor(DType, _shape!, zeroed: false);
            ReadInto((TensorData)payload, tensor);
            return Interlocked.CompareExchange(ref _payload, tensor, payload) is INdArray first ? first : tensor;
        }
    }

    /// <summary>Copies the bytes into <paramref name="destination"/> (same dtype and byte length), from the file for a lazy leaf.</summary>
    /// <exception cref="ArgumentException">The destination's dtype or byte length differs.</exception>
    /// <exception cref="CheckpointException">The file could not be read.</exception>
    public void CopyTo(INdArray destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.DType != DType || destination.ByteLength != ByteLength)
            throw new ArgumentException(
                $"Cannot copy a {DType.NumpyName()}{TensorShape.Format(Shape)} array into a {destination.DType.NumpyName()}{TensorShape.Format(destination.Shape)} tensor.",
                nameof(destination));
        switch (Volatile.Read(ref _payload))
        {
            case INdArray loaded:
                loaded.CopyBytesTo(destination);
                break;
            case TensorData data:
                ReadInto(data, destination);
                break;
        }
    }

    /// <summary>
    /// Reads bytes <paramref name="offset"/> to <c>offset + destination.Length</c> of the array (C order,
    /// little-endian) into <paramref name="destination"/>: from memory, or from the file for a lazy leaf. Writers
    /// use it to stream an array of any size in bounded pieces.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the array.</exception>
    /// <exception cref="CheckpointException">The file could not be read.</exception>
    public void ReadBytes(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset > ByteLength - destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Bytes {offset}..{offset + destination.Length} are outside the {ByteLength} bytes of {this}.");
        if (Volatile.Read(ref _payload) is TensorData data)
        {
            data.Read(DataOffset + offset, destination);
            return;
        }

        ((INdArray)_payload).ReadBytes(offset, destination);
    }

    private void ReadInto(TensorData data, INdArray destination) => data.ReadInto(DataOffset, destination);

    private static int[] ValidShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape;
    }

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Tensor;

    /// <inheritdoc />
    public override string ToString() => $"ndarray {DType.NumpyName()}{TensorShape.Format(Shape)}";
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

    // Leaves are immutable, so readers share one node per small value: a file of a million zeros holds one.
    private static readonly IntegerNode[] Small = Enumerable.Range(-128, 384).Select(i => new IntegerNode(i)).ToArray();

    /// <summary>The node of <paramref name="value"/>, shared for values from -128 to 255.</summary>
    internal static IntegerNode Of(long value) => value is >= -128 and <= 255 ? Small[value + 128] : new IntegerNode(value);

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
    private static readonly BoolNode True = new(true);
    private static readonly BoolNode False = new(false);

    /// <summary>The shared node of <paramref name="value"/> (leaves are immutable).</summary>
    internal static BoolNode Of(bool value) => value ? True : False;

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
