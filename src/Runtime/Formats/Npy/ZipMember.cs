using System.Buffers;
using System.IO.Compression;
using System.IO.Hashing;

namespace Checkpoint.Formats.Npy;

/// <summary>
/// Reads the uncompressed bytes of one archive member at any position: stored members straight from the file,
/// deflated ones by decompressing from the start (a read that goes backwards starts over). Whenever the bytes
/// pass through in order from the first to the last, their CRC-32 is checked against the directory, so a
/// complete read of a corrupt member fails instead of giving wrong values.
/// </summary>
internal sealed class ZipMember
{
    // A stored member skips ahead by seeking when the gap is larger than this (the CRC is then not checked);
    // smaller gaps, such as re-reading the header before the data, are read through so the CRC still is.
    private const int ReadThroughLimit = 1 << 16;

    private readonly RandomAccessSource _source;
    private readonly ZipEntry _entry;
    private readonly string _path;
    private readonly object _gate = new();
    private DeflateStream? _inflater;
    private long _position;
    private Crc32? _crc = new();

    public ZipMember(RandomAccessSource source, ZipEntry entry, string pathInFile)
    {
        _source = source;
        _entry = entry;
        _path = pathInFile;
    }

    /// <summary>The member's size.</summary>
    public long Length => _entry.UncompressedSize;

    /// <summary>Where the member is, for messages.</summary>
    public string Location => $"{_source.Name}, member {_entry.Name} ({(_entry.IsDeflated ? "deflated" : "stored")})";

    /// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="position"/>; fewer only at the member's end.</summary>
    /// <exception cref="CheckpointFormatException">The compressed data is corrupt, or the CRC-32 does not match.</exception>
    public int ReadAt(long position, Span<byte> destination)
    {
        lock (_gate)
        {
            // The decompressor may hold the rest of a small member in its buffer: check the file is still open.
            _source.EnsureOpen();
            if (position < _position) Restart();
            if (position > _position) Skip(position - _position);
            var read = position == _position ? ReadOn(destination) : 0;
            return read;
        }
    }

    /// <summary>Reads exactly <c>destination.Length</c> bytes at <paramref name="position"/>.</summary>
    /// <exception cref="CheckpointFormatException">The member ends first, is corrupt, or fails its CRC-32 check.</exception>
    public void ReadExactlyAt(long position, Span<byte> destination)
    {
        var read = ReadAt(position, destination);
        if (read < destination.Length)
            throw new CheckpointFormatException(
                $"the member's data ends {destination.Length - read} byte(s) early", _source.Name, _path, position + read);
    }

    private void Restart()
    {
        _inflater?.Dispose();
        _inflater = null;
        _position = 0;
        _crc = new Crc32();
    }

    private void Skip(long count)
    {
        if (!_entry.IsDeflated && count > ReadThroughLimit)
        {
            _crc = null;
            _position = Math.Min(_position + count, Length);
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, ReadThroughLimit));
        try
        {
            while (count > 0)
            {
                var read = ReadOn(scratch.AsSpan(0, (int)Math.Min(count, scratch.Length)));
                if (read == 0) return;
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // Reads from the current position on, keeping the CRC and checking it at the end.
    private int ReadOn(Span<byte> destination)
    {
        var wanted = (int)Math.Min(destination.Length, Length - _position);
        var target = destination[..wanted];
        var done = 0;
        if (_entry.IsDeflated)
        {
            try
            {
                _inflater ??= new DeflateStream(new RangeStream(_source, _entry.DataStart, _entry.CompressedSize), CompressionMode.Decompress);
                while (done < target.Length)
                {
                    var read = _inflater.Read(target[done..]);
                    if (read <= 0) break;
                    done += read;
                }
            }
            catch (InvalidDataException e)
            {
                throw new CheckpointFormatException($"the compressed data is corrupt ({e.Message})", _source.Name, _path, _entry.DataStart, e);
            }
        }
        else
        {
            done = _source.ReadAt(_entry.DataStart + _position, target);
        }

        _crc?.Append(target[..done]);
        _position += done;
        if (_position == Length) Finish();
        return done;
    }

    private void Finish()
    {
        if (_inflater is not null)
        {
            Span<byte> extra = stackalloc byte[1];
            int more;
            try
            {
                more = _inflater.Read(extra);
            }
            catch (InvalidDataException e)
            {
                throw new CheckpointFormatException($"the compressed data is corrupt ({e.Message})", _source.Name, _path, _entry.DataStart, e);
            }

            if (more > 0)
                throw new CheckpointFormatException($"the compressed data holds more than the {Length} bytes the directory declares", _source.Name, _path, _entry.DataStart);
        }

        if (_crc is { } crc && crc.GetCurrentHashAsUInt32() != _entry.Crc32)
            throw new CheckpointFormatException(
                $"CRC-32 mismatch: the member's bytes hash to {crc.GetCurrentHashAsUInt32():x8}, the directory says {_entry.Crc32:x8} (the file is corrupt)",
                _source.Name, _path, _entry.DataStart);
        _crc = null;
    }

    /// <summary>A read-only view of a range of the source, the input of the decompressor.</summary>
    private sealed class RangeStream(RandomAccessSource source, long start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0) return 0;
            var read = source.ReadAt(start + _position, buffer[..wanted]);
            _position += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The array bytes of an npz member: the member's bytes after its .npy header.</summary>
internal sealed class ZipMemberData(ZipMember member, long dataOffset, long byteLength) : TensorData(byteLength)
{
    public override string Location => $"{member.Location}, bytes {dataOffset}-{dataOffset + ByteLength} of the member";

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        member.ReadExactlyAt(dataOffset + offset, destination);
    }
}
