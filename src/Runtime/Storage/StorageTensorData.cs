namespace Checkpoint.Storage;

/// <summary>
/// The bytes of an array that stay in a storage object until they are asked for: a lazy
/// <see cref="TensorNode"/> over object storage (<c>new TensorNode(dtype, shape, new StorageTensorData(reader, start, length))</c>).
/// Each read is a ranged read of the object (one ranged GET on object stores), pinned to the version the reader opened.
/// </summary>
/// <remarks>The data is readable while the reader is open; formats whose arrays are split into pieces use one per piece.</remarks>
public sealed class StorageTensorData : TensorData
{
    private readonly StorageObjectReader _reader;
    private readonly long _start;

    /// <summary>Creates the data.</summary>
    /// <param name="reader">The open object.</param>
    /// <param name="start">Where the array's bytes start in the object.</param>
    /// <param name="byteLength">How many bytes the array has.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the object.</exception>
    public StorageTensorData(StorageObjectReader reader, long start, long byteLength)
        : base(byteLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (start < 0 || start > reader.Length - byteLength)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Bytes {start}..{start + byteLength} are outside the {reader.Length} bytes of {reader.Location}.");
        _reader = reader;
        _start = start;
    }

    /// <inheritdoc />
    public override string Location => $"{_reader.Location}, bytes {_start}-{_start + ByteLength}";

    /// <inheritdoc />
    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        _reader.Read(_start + offset, destination);
    }
}
