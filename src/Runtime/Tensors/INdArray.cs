namespace Checkpoint;

/// <summary>
/// A tensor seen without its element type: what state trees, file readers and writers work with. Storage is
/// row-major (C order) and little-endian, exactly the bytes numpy writes. Implement it to checkpoint your own
/// tensor type (native buffers, another library's tensors) without copying through managed arrays.
/// </summary>
/// <remarks>
/// Bytes are handed out in pieces (<see cref="GetBytes"/>): a span holds at most 2^31 - 1 bytes, and storage may
/// be larger than that or not contiguous. Every reader and writer of this library goes piece by piece, so a
/// tensor of any size the machine can hold saves and loads. <see cref="NdArrayBytes.AsBytes"/> gives the whole
/// storage as one span when it fits one.
/// </remarks>
public interface INdArray
{
    /// <summary>The element type.</summary>
    DType DType { get; }

    /// <summary>The shape; empty for a zero-dimensional (scalar) tensor.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements (the product of the shape; 1 for a zero-dimensional tensor).</summary>
    long Length { get; }

    /// <summary>The size of the data in bytes (<see cref="Length"/> times the item size).</summary>
    long ByteLength { get; }

    /// <summary>
    /// The contiguous run of element bytes that starts at <paramref name="byteOffset"/>, at most
    /// <paramref name="maxLength"/> bytes long and never empty while <paramref name="byteOffset"/> is below
    /// <see cref="ByteLength"/>. Writable, so readers fill tensors in place. Callers loop until they have covered
    /// the range they need: storage may end a run early (at a segment boundary, or at 2^31 - 1 bytes).
    /// </summary>
    /// <param name="byteOffset">Where the run starts, from 0 to <see cref="ByteLength"/>.</param>
    /// <param name="maxLength">The most bytes wanted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The offset is outside the data, or the length is negative.</exception>
    Span<byte> GetBytes(long byteOffset, int maxLength);

    /// <summary>A deep copy (same dtype and shape, new storage).</summary>
    INdArray Clone();
}
