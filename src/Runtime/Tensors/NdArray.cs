using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>
/// A dense tensor: contiguous row-major storage of <typeparamref name="T"/> with a shape.
/// Element types are those of <see cref="DType"/>: the numeric primitives, <see cref="bool"/>,
/// <see cref="Half"/>, <see cref="BFloat16"/>, <see cref="Complex64"/> and <see cref="System.Numerics.Complex"/>.
/// </summary>
/// <remarks>
/// <para>Any size the machine's memory allows: a tensor of up to 2^31 - 1 bytes lives in a .NET array
/// (<see cref="Data"/>); a larger one lives in native memory (<see cref="NdArrayStorage.Native"/>), freed by
/// <see cref="Dispose"/> or, if nobody disposes it, by the finalizer. Keep the tensor reachable while you use a span
/// over its memory, as with any native buffer.</para>
/// <para>Whole-tensor spans (<see cref="AsSpan()"/>, <see cref="AsBytes"/>) exist while the tensor fits one span;
/// every size is read and written in pieces with <see cref="GetBytes"/>, <see cref="AsSpan(long, int)"/> or
/// <see cref="AsTensorSpan"/>, and that is how this library saves and loads them.</para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class NdArray<T> : INdArray, IEquatable<NdArray<T>>, IDisposable
    where T : unmanaged
{
    // Tensors above this many bytes live in native memory: a byte span could not cover them anyway.
    internal const long NativeThresholdBytes = int.MaxValue;

    // One of the two holds the elements: a .NET array (the common case, kept a plain field for speed), or a store.
    private readonly T[]? _array;
    private readonly ElementStore<T>? _store;
    private readonly int[] _shape;

    /// <summary>
    /// Wraps <paramref name="data"/> (not copied) with a shape. With no shape the tensor is a vector of the
    /// data's length; use <see cref="Scalar"/> for a zero-dimensional tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The shape does not describe exactly <c>data.Length</c> elements.</exception>
    public NdArray(T[] data, params int[] shape)
        : this(shape is null || shape.Length == 0 ? [data?.Length ?? 0] : (int[])shape.Clone(), data!)
    {
    }

    // The shape is kept (not copied); the order of parameters tells this one apart from the public constructor.
    private NdArray(int[] shape, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        DType = DTypes.Of<T>();
        var count = TensorShape.ElementCountLong(shape);
        if (count != data.Length)
            throw new ArgumentException(
                $"Shape {TensorShape.Format(shape)} holds {count} elements but the data has {data.Length}.", nameof(shape));
        _shape = shape;
        _array = data;
        Length = count;
    }

    private NdArray(ElementStore<T> store, int[] shape, long length)
    {
        DType = DTypes.Of<T>();
        _store = store;
        _shape = shape;
        Length = length;
    }

    /// <summary>A zero-dimensional tensor holding one value.</summary>
    public static NdArray<T> Scalar(T value) => new(Array.Empty<int>(), [value]);

    /// <summary>
    /// A tensor of zeros (default values) with the given shape; no shape gives a zero-dimensional tensor. Above
    /// 2^31 - 1 bytes the memory is native (see <see cref="NdArrayStorage.Native"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    /// <exception cref="OutOfMemoryException">The machine cannot provide the memory.</exception>
    public static NdArray<T> Zeros(params int[] shape) => Create((int[])shape.Clone(), zeroed: true);

    /// <summary>A tensor of zeros in the storage asked for: <see cref="NdArrayStorage.Array"/> or <see cref="NdArrayStorage.Native"/>.</summary>
    /// <exception cref="ArgumentException">Another storage, a negative dimension, or an array storage too large for one .NET array.</exception>
    /// <exception cref="OutOfMemoryException">The machine cannot provide the memory.</exception>
    public static NdArray<T> Zeros(ReadOnlySpan<int> shape, NdArrayStorage storage)
    {
        var dims = shape.ToArray();
        var count = TensorShape.ElementCountLong(dims);
        return storage switch
        {
            NdArrayStorage.Native => new NdArray<T>(new NativeStore<T>(count, zeroed: true), dims, count),
            NdArrayStorage.Array when count <= Array.MaxLength => new NdArray<T>(dims, new T[count]),
            NdArrayStorage.Array => throw new ArgumentException(
                $"Shape {TensorShape.Format(dims)} has more elements than one .NET array can hold; use NdArrayStorage.Native.", nameof(storage)),
            _ => throw new ArgumentException($"A new tensor is stored in an array or in native memory, not as {storage}.", nameof(storage)),
        };
    }

    /// <summary>A tensor of the given shape, zeroed or (for memory about to be overwritten whole) not.</summary>
    internal static NdArray<T> Create(int[] shape, bool zeroed)
    {
        var count = TensorShape.ElementCountLong(shape);
        if (count <= Array.MaxLength && count * Unsafe.SizeOf<T>() <= NativeThresholdBytes)
            return new(shape, zeroed ? new T[count] : GC.AllocateUninitializedArray<T>((int)count));
        return new(new NativeStore<T>(count, zeroed), shape, count);
    }

    /// <summary>Wraps data with exactly the given shape (which may be empty: a zero-dimensional tensor).</summary>
    public static NdArray<T> FromData(T[] data, ReadOnlySpan<int> shape) => new(shape.ToArray(), data);

    /// <summary>A tensor whose every element is <paramref name="value"/>.</summary>
    public static NdArray<T> Full(T value, params int[] shape)
    {
        var tensor = Create((int[])shape.Clone(), zeroed: false);
        for (long start = 0; start < tensor.Length;)
        {
            var piece = tensor.AsSpan(start, (int)Math.Min(int.MaxValue, tensor.Length - start));
            piece.Fill(value);
            start += piece.Length;
        }

        return tensor;
    }

    /// <inheritdoc />
    public DType DType { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public long ByteLength => Length * Unsafe.SizeOf<T>();

    /// <summary>Where the elements live: a .NET array, native memory, or a shared <see cref="System.Numerics.Tensors.Tensor{T}"/>.</summary>
    public NdArrayStorage Storage => _store?.Kind ?? NdArrayStorage.Array;

    /// <summary>The backing array (row-major). Changes are changes to the tensor.</summary>
    /// <exception cref="NotSupportedException">The tensor is not stored in a .NET array of its own (see <see cref="Storage"/>).</exception>
    public T[] Data => _array ?? throw new NotSupportedException(
        $"{this} is stored in {StorageText}, not in a .NET array; use AsSpan, GetBytes or AsTensorSpan.");

    /// <summary>The elements as a span, row-major.</summary>
    /// <exception cref="NotSupportedException">The tensor has more elements than one span holds (2^31 - 1); use <see cref="AsSpan(long, int)"/>.</exception>
    public Span<T> AsSpan() => Length <= int.MaxValue
        ? MemoryMarshal.CreateSpan(ref Start, (int)Length)
        : throw new NotSupportedException(
            $"{this} has {Length} elements, more than one span can hold; use AsSpan(start, length), GetBytes or AsTensorSpan.");

    /// <summary>Elements <paramref name="start"/> to <c>start + length</c> (row-major) as a span: how a tensor of any size is read and written in pieces.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the tensor.</exception>
    public Span<T> AsSpan(long start, int length)
    {
        if (start < 0 || length < 0 || start > Length - length)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Elements {start}..{start + length} are outside the {Length} of {this}.");
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Start, (nint)start), length);
    }

    /// <summary>All element bytes as one span (row-major, little-endian); changes are changes to the tensor.</summary>
    /// <exception cref="NotSupportedException">The tensor holds more than 2^31 - 1 bytes; read it in pieces with <see cref="GetBytes"/>.</exception>
    public Span<byte> AsBytes() => NdArrayBytes.AsBytes(this);

    /// <inheritdoc />
    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        return MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.As<T, byte>(ref Start), (nint)byteOffset), length);
    }

    /// <summary>The element at a multi-dimensional index.</summary>
    /// <exception cref="ArgumentException">The index has another rank than the tensor.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside its dimension.</exception>
    public ref T this[params int[] index] => ref Unsafe.Add(ref Start, (nint)Offset(index));

    /// <summary>
    /// A deep copy: in a .NET array, or in native memory when this tensor is there or too large for an array.
    /// </summary>
    public NdArray<T> Clone()
    {
        var shape = (int[])_shape.Clone();
        var copy = Storage == NdArrayStorage.Native ? new NdArray<T>(new NativeStore<T>(Length, zeroed: false), shape, Length) : Create(shape, zeroed: false);
        this.CopyBytesTo(copy);
        return copy;
    }

    INdArray INdArray.Clone() => Clone();

    /// <summary>
    /// Frees native memory now (<see cref="NdArrayStorage.Native"/>); the tensor cannot be used afterwards. Nothing
    /// for other storage. Optional: the finalizer frees native memory of an unreachable tensor too.
    /// </summary>
    public void Dispose() => _store?.Release();

    /// <summary>True when <paramref name="other"/> has the same shape and bitwise-equal elements.</summary>
    public bool Equals(NdArray<T>? other)
    {
        if (other is null || !_shape.AsSpan().SequenceEqual(other._shape)) return false;
        for (long offset = 0; offset < ByteLength;)
        {
            var mine = GetBytes(offset, int.MaxValue);
            if (!mine.SequenceEqual(other.GetBytes(offset, mine.Length))) return false;
            offset += mine.Length;
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NdArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DType, Length);

    /// <inheritdoc />
    public override string ToString() => $"NdArray<{DType.NumpyName()}>{TensorShape.Format(_shape)}";

    // The first element, wherever the storage is (the array case first: it is nearly every tensor).
    private ref T Start => ref _array is not null ? ref MemoryMarshal.GetArrayDataReference(_array) : ref _store!.First;

    private string StorageText => Storage switch
    {
        NdArrayStorage.Native => "native memory",
        _ => "the memory of a System.Numerics.Tensors.Tensor<T>",
    };

    private long Offset(int[] index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of rank {_shape.Length}.");
        long offset = 0;
        for (var d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d]) throw new IndexOutOfRangeException();
            offset = offset * _shape[d] + index[d];
        }

        return offset;
    }
}
