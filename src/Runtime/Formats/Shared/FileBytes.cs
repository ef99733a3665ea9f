using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Formats;

/// <summary>
/// The bytes of an open checkpoint file, shared by every lazy array read from it: each array is a range of them
/// (<see cref="TensorNode"/> keeps its offset). Reads are positional (no shared file position), so they are safe from
/// several threads; small reads in increasing order — a load of 100,000 small arrays in file order — are served from
/// one read-ahead window instead of a system call each.
/// </summary>
internal sealed class FileBytes : TensorData
{
    // Reads below this size go through the window; larger ones go straight from the file into the destination.
    private const int SmallRead = 64 * 1024;
    private const int WindowSize = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly string _fileName;
    private readonly object _gate = new();
    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;

    public FileBytes(SafeFileHandle handle, long length, string fileName)
        : base(length)
    {
        _handle = handle;
        _fileName = fileName;
    }

    public override string Location => _fileName;

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        try
        {
            if (destination.Length >= SmallRead)
            {
                ReadFully(offset, destination);
                return;
            }

            lock (_gate)
            {
                if (offset < _windowStart || offset + destination.Length > _windowStart + _windowLength)
                {
                    _window ??= new byte[WindowSize];
                    _windowStart = offset;
                    _windowLength = (int)Math.Min(WindowSize, ByteLength - offset);
                    ReadFully(offset, _window.AsSpan(0, _windowLength));
                }

                _window.AsSpan((int)(offset - _windowStart), destination.Length).CopyTo(destination);
            }
        }
        catch (ObjectDisposedException e)
        {
            throw new CheckpointException($"Checkpoint {_fileName} was closed; its arrays can no longer be read (read them before closing, or load them).", e);
        }
    }

    private void ReadFully(long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, destination, offset);
            if (read <= 0)
            {
                throw new CheckpointFormatException(
                    $"the file ended {destination.Length} byte(s) before the end of the array data (did it change since it was opened?)",
                    _fileName, "", offset);
            }

            offset += read;
            destination = destination[read..];
        }
    }
}

/// <summary>
/// The bytes of a seekable stream that is not a file (a <see cref="MemoryStream"/>, say), for lazy arrays read from
/// it while a load runs. The stream has one position, so reads take turns.
/// </summary>
internal sealed class StreamBytes(Stream stream, long start, long length, string? name) : TensorData(length)
{
    private readonly object _gate = new();

    public override string Location => name ?? "the stream";

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        lock (_gate)
        {
            try
            {
                stream.Position = start + offset;
                stream.ReadExactly(destination);
            }
            catch (EndOfStreamException e)
            {
                throw new CheckpointFormatException("the stream ended before the end of the array data (did it change since it was read?)", name, "", start + offset, e);
            }
            catch (ObjectDisposedException e)
            {
                throw new CheckpointException($"The stream of {Location} was closed; its arrays can no longer be read.", e);
            }
        }
    }
}

/// <summary>An array stored in pieces (the chunks of a chunked msgpack array): consecutive runs of another source.</summary>
internal sealed class SegmentedBytes : TensorData
{
    private readonly TensorData _source;
    private readonly long[] _offsets;
    private readonly long[] _lengths;
    private readonly long[] _starts;

    public SegmentedBytes(TensorData source, IReadOnlyList<(long Offset, long Length)> segments)
        : base(segments.Sum(s => s.Length))
    {
        _source = source;
        _offsets = segments.Select(s => s.Offset).ToArray();
        _lengths = segments.Select(s => s.Length).ToArray();
        _starts = new long[segments.Count];
        for (var i = 1; i < _starts.Length; i++) _starts[i] = _starts[i - 1] + _lengths[i - 1];
    }

    public override string Location => _source.Location;

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        var segment = Array.BinarySearch(_starts, offset);
        if (segment < 0) segment = ~segment - 1;
        while (!destination.IsEmpty)
        {
            var within = offset - _starts[segment];
            var take = (int)Math.Min(destination.Length, _lengths[segment] - within);
            _source.Read(_offsets[segment] + within, destination[..take]);
            destination = destination[take..];
            offset += take;
            segment++;
        }
    }
}
