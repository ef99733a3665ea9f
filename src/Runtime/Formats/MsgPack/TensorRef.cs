namespace Checkpoint.Formats.MsgPack;

/// <summary>Where one run of an array's data bytes lies in a file: absolute offset and length.</summary>
/// <param name="Offset">The absolute stream position of the first data byte.</param>
/// <param name="Length">The number of data bytes.</param>
public readonly record struct TensorDataSegment(long Offset, long Length);

/// <summary>
/// An array found by <see cref="MsgPackReader.ReadIndex"/> whose data has not been read: its dtype, shape and
/// where its bytes are. A chunked array (written in the <c>__msgpack_chunked_array__</c> layout) has one
/// segment per chunk; concatenated in order they are the C-order little-endian element bytes. Read them with
/// <see cref="MsgPackReader.ReadTensorData"/> or <see cref="MsgPackReader.ReadTensor"/>.
/// </summary>
public sealed class TensorRef : MsgPackIndexNode
{
    internal TensorRef(string path, DType dtype, int[] shape, IReadOnlyList<TensorDataSegment> segments, bool isChunked)
    {
        Path = path;
        DType = dtype;
        Shape = shape;
        Segments = segments;
        IsChunked = isChunked;
        ByteLength = segments.Sum(s => s.Length);
    }

    /// <summary>The dotted path of the array in the file.</summary>
    public string Path { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The shape (empty for zero-dimensional arrays).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements.</summary>
    public long Length => ByteLength / DType.ItemSize();

    /// <summary>The number of data bytes (elements × item size).</summary>
    public long ByteLength { get; }

    /// <summary>Whether the array was written in chunks.</summary>
    public bool IsChunked { get; }

    /// <summary>The data runs in order (one unless chunked; none for an empty array stored in chunks).</summary>
    public IReadOnlyList<TensorDataSegment> Segments { get; }

    /// <inheritdoc />
    public override string ToString() => $"ndarray {DType.NumpyName()}{TensorShape.Format(Shape)} at {Path}";
}
