namespace Checkpoint;

/// <summary>
/// A tensor seen without its element type: what state dictionaries, file readers and writers work with.
/// Storage is contiguous, row-major (C order) and little-endian, exactly the bytes numpy writes.
/// </summary>
public interface INdArray
{
    /// <summary>The element type.</summary>
    DType DType { get; }

    /// <summary>The shape; empty for a zero-dimensional (scalar) tensor.</summary>
    IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements (the product of the shape; 1 for a zero-dimensional tensor).</summary>
    int Length { get; }

    /// <summary>The size of the data in bytes.</summary>
    long ByteLength { get; }

    /// <summary>The element bytes, C order, little-endian; writable, so readers fill tensors in place.</summary>
    Span<byte> AsBytes();

    /// <summary>A deep copy (same dtype and shape, new storage).</summary>
    INdArray Clone();
}
