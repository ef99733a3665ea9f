namespace Checkpoint.Formats;

/// <summary>Array bytes that lie as they are (C order, little-endian) in one range of an open file.</summary>
internal sealed class FileRangeData : TensorData
{
    private readonly RandomAccessSource _source;
    private readonly long _start;
    private readonly string _path;

    public FileRangeData(RandomAccessSource source, long start, long byteLength, string pathInFile)
        : base(byteLength)
    {
        _source = source;
        _start = start;
        _path = pathInFile;
    }

    public override string Location => $"{_source.Name}, bytes {_start}-{_start + ByteLength}";

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        _source.ReadExactlyAt(_start + offset, destination, _path, "the array data");
    }
}
