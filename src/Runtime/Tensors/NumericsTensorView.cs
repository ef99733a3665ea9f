using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>
/// A <see cref="Tensor{T}"/> of <c>System.Numerics.Tensors</c> seen as an <see cref="INdArray"/>, without copying:
/// a dense tensor is one run of bytes; a strided view (a slice) hands out its contiguous runs one by one, in
/// row-major order of its elements, so a slice saves and loads in place too.
/// </summary>
/// <remarks>
/// <see cref="Tensor{T}"/> has no zero-dimensional form: its rank-0 <see cref="Tensor{T}.Empty"/> is seen as an
/// empty vector, shape <c>(0,)</c>.
/// </remarks>
internal sealed class NumericsTensorView<T> : INdArray
    where T : unmanaged
{
    private const int MaxStackRank = 16;

    private readonly Tensor<T> _tensor;
    private readonly int[] _shape;
    private readonly nint[] _lengths;

    // Elements that follow each other in memory, counted from the end of a row-major index: the whole tensor when
    // it is dense, a row (or part of one) for a slice, one element when the last dimension is strided.
    private readonly long _run;

    public NumericsTensorView(Tensor<T> tensor)
    {
        _tensor = tensor;
        DType = DTypes.Of<T>();
        _lengths = tensor.Rank == 0 ? [0] : tensor.Lengths.ToArray();
        _shape = new int[_lengths.Length];
        for (var d = 0; d < _shape.Length; d++) _shape[d] = checked((int)_lengths[d]);
        Length = tensor.Rank == 0 ? 0 : tensor.FlattenedLength;
        var strides = tensor.Rank == 0 ? [1] : tensor.Strides.ToArray();
        _run = ContiguousRun(_lengths, strides);
        IsDense = _run >= Length;
        Overlaps = HasOverlap(_lengths, strides);
    }

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteLength => Length * Unsafe.SizeOf<T>();

    /// <summary>Whether the elements are one contiguous row-major run (then the tensor's memory can be shared whole).</summary>
    public bool IsDense { get; }

    /// <summary>Whether elements share memory (a broadcast view): reading works, loading into it cannot.</summary>
    public bool Overlaps { get; }

    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        if (length == 0) return [];
        var size = Unsafe.SizeOf<T>();
        var element = byteOffset / size;
        var within = (int)(byteOffset % size);
        // The rest of the run the element is in, no more than one byte span holds.
        var count = (int)Math.Min(_run - element % _run, int.MaxValue / size);
        Span<nint> index = _lengths.Length <= MaxStackRank ? stackalloc nint[_lengths.Length] : new nint[_lengths.Length];
        for (var (d, rest) = (_lengths.Length - 1, element); d >= 0; d--)
        {
            index[d] = (nint)(rest % _lengths[d]);
            rest /= _lengths[d];
        }

        var bytes = MemoryMarshal.AsBytes(_tensor.GetSpan(index, count))[within..];
        return bytes[..Math.Min(bytes.Length, length)];
    }

    /// <summary>A new <see cref="NdArray{T}"/> with a copy of the elements.</summary>
    public INdArray Clone()
    {
        var copy = NdArray<T>.Create((int[])_shape.Clone(), zeroed: false);
        this.CopyBytesTo(copy);
        return copy;
    }

    private static long ContiguousRun(nint[] lengths, nint[] strides)
    {
        long expected = 1;
        for (var d = lengths.Length - 1; d >= 0; d--)
        {
            if (lengths[d] == 1) continue;
            if (strides[d] != expected) break;
            expected *= lengths[d];
        }

        return Math.Max(1, expected);
    }

    // Sufficient for no overlap: ordered by stride, each dimension steps over everything the smaller ones span.
    private static bool HasOverlap(nint[] lengths, nint[] strides)
    {
        var dims = Enumerable.Range(0, lengths.Length).Where(d => lengths[d] > 1).OrderBy(d => strides[d]).ToArray();
        long span = 1;
        foreach (var d in dims)
        {
            if (strides[d] < span) return true;
            span = strides[d] * lengths[d];
        }

        return false;
    }
}
