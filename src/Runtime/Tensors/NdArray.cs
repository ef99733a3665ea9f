using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Checkpoint;

/// <summary>
/// A dense tensor: contiguous row-major storage of <typeparamref name="T"/> with a shape.
/// Element types are those of <see cref="DType"/>: the numeric primitives, <see cref="bool"/>,
/// <see cref="Half"/>, <see cref="BFloat16"/>, <see cref="Complex64"/> and <see cref="System.Numerics.Complex"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class NdArray<T> : INdArray, IEquatable<NdArray<T>>
    where T : unmanaged
{
    private readonly T[] _data;
    private readonly int[] _shape;

    /// <summary>
    /// Wraps <paramref name="data"/> (not copied) with a shape. With no shape the tensor is a vector of the
    /// data's length; use <see cref="Scalar"/> for a zero-dimensional tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The shape does not describe exactly <c>data.Length</c> elements.</exception>
    public NdArray(T[] data, params int[] shape)
        : this(data, shape is null || shape.Length == 0 ? [data?.Length ?? 0] : (int[])shape.Clone(), exactShape: true)
    {
    }

    private NdArray(T[] data, int[] shape, bool exactShape)
    {
        ArgumentNullException.ThrowIfNull(data);
        _ = exactShape; // only tells this constructor apart from the public one
        DType = DTypes.Of<T>();
        var count = ElementCount(shape);
        if (count != data.Length)
            throw new ArgumentException(
                $"Shape {FormatShape(shape)} holds {count} elements but the data has {data.Length}.", nameof(shape));
        _shape = shape;
        _data = data;
    }

    /// <summary>A zero-dimensional tensor holding one value.</summary>
    public static NdArray<T> Scalar(T value) => new([value], [], exactShape: true);

    /// <summary>A tensor of zeros (default values) with the given shape; no shape gives a zero-dimensional tensor.</summary>
    public static NdArray<T> Zeros(params int[] shape) =>
        new(new T[ElementCount(shape)], (int[])shape.Clone(), exactShape: true);

    /// <summary>A tensor of the given shape, zeroed or (for memory about to be overwritten whole) not.</summary>
    internal static NdArray<T> Create(int[] shape, bool zeroed)
    {
        var count = ElementCount(shape);
        return new(zeroed ? new T[count] : GC.AllocateUninitializedArray<T>(count), (int[])shape.Clone(), exactShape: true);
    }

    /// <summary>Wraps data with exactly the given shape (which may be empty: a zero-dimensional tensor).</summary>
    public static NdArray<T> FromData(T[] data, ReadOnlySpan<int> shape) => new(data, shape.ToArray(), exactShape: true);

    /// <summary>A tensor whose every element is <paramref name="value"/>.</summary>
    public static NdArray<T> Full(T value, params int[] shape)
    {
        var tensor = Zeros(shape);
        tensor._data.AsSpan().Fill(value);
        return tensor;
    }

    /// <inheritdoc />
    public DType DType { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <inheritdoc />
    public long Length => _data.Length;

    /// <inheritdoc />
    public long ByteLength => (long)_data.Length * DType.ItemSize();

    /// <summary>The backing array (row-major). Changes are changes to the tensor.</summary>
    public T[] Data => _data;

    /// <summary>The elements as a span, row-major.</summary>
    public Span<T> AsSpan() => _data;

    /// <summary>All element bytes as one span (row-major, little-endian); changes are changes to the tensor.</summary>
    public Span<byte> AsBytes() => MemoryMarshal.AsBytes(_data.AsSpan());

    /// <inheritdoc />
    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        // A T[] may hold more than 2^31 - 1 bytes (up to 2^31 elements): the run is cut at what a span can hold.
        ref var start = ref Unsafe.AddByteOffset(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(_data)), (nint)byteOffset);
        return MemoryMarshal.CreateSpan(ref start, length);
    }

    /// <summary>The element at a multi-dimensional index.</summary>
    public ref T this[params int[] index] => ref _data[Offset(index)];

    /// <summary>A deep copy.</summary>
    public NdArray<T> Clone() => new((T[])_data.Clone(), (int[])_shape.Clone(), exactShape: true);

    INdArray INdArray.Clone() => Clone();

    /// <summary>True when <paramref name="other"/> has the same shape and bitwise-equal elements.</summary>
    public bool Equals(NdArray<T>? other) =>
        other is not null && _shape.AsSpan().SequenceEqual(other._shape) && AsBytes().SequenceEqual(other.AsBytes());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NdArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DType, _data.Length);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("NdArray<").Append(DType.NumpyName()).Append(">").Append(FormatShape(_shape));
        return text.ToString();
    }

    internal static int ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"Negative dimension {dim} in shape {FormatShape(shape)}.");
            count *= dim;
            if (count > Array.MaxLength)
                throw new ArgumentException($"Shape {FormatShape(shape)} has more elements than one array can hold.");
        }

        return (int)count;
    }

    internal static string FormatShape(ReadOnlySpan<int> shape) =>
        "(" + string.Join(", ", shape.ToArray()) + (shape.Length == 1 ? ",)" : ")");

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of rank {_shape.Length}.");
        var offset = 0;
        for (var d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d]) throw new IndexOutOfRangeException();
            offset = offset * _shape[d] + index[d];
        }

        return offset;
    }
}
