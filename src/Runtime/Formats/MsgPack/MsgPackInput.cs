namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// A forward-only buffered view of a stream that knows its absolute position and, for seekable streams,
/// how many bytes remain. Small reads are served from a 64 KiB buffer; large reads (tensor data) go from the
/// stream straight into the caller's memory. Never reads past what it is asked for by more than one buffer.
/// </summary>
internal sealed class MsgPackInput
{
    /// <summary>The size of the read buffer: the most a caller can have buffered at once.</summary>
    public const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly long _length;
    private int _start;
    private int _end;

    // The absolute stream position just past the buffered bytes (where the stream itself is).
    private long _streamPosition;

    public MsgPackInput(Stream stream)
    {
        _stream = stream;
        if (stream.CanSeek)
        {
            _streamPosition = stream.Position;
            _length = stream.Length;
        }
        else
        {
            _length = -1;
        }
    }

    /// <summary>The absolute position of the next unread byte (stream position for seekable streams, else a count).</summary>
    public long Position => _streamPosition - (_end - _start);

    /// <summary>Whether <see cref="Remaining"/> is known.</summary>
    public bool KnowsLength => _length >= 0;

    /// <summary>Bytes left in the stream, or <see cref="long.MaxValue"/> when the stream cannot tell.</summary>
    public long Remaining => _length < 0 ? long.MaxValue : Math.Max(0, _length - Position);

    /// <summary>The buffered, unread bytes.</summary>
    public ReadOnlyMemory<byte> Buffered => _buffer.AsMemory(_start, _end - _start);

    /// <summary>The buffered, unread bytes as a span (the hot path of header decoding).</summary>
    public ReadOnlySpan<byte> BufferedSpan => new(_buffer, _start, _end - _start);

    /// <summary>Buffers at least <paramref name="wanted"/> bytes (at most 64 KiB) unless the stream ends first.</summary>
    /// <returns>The number of bytes now buffered.</returns>
    public int Fill(int wanted)
    {
        wanted = Math.Min(wanted, BufferSize);
        if (_end - _start >= wanted) return _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < wanted)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0) break;
            _end += read;
            _streamPosition += read;
        }

        return _end;
    }

    /// <summary>Consumes buffered bytes.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>Fills <paramref name="destination"/>; returns how many bytes it got (fewer only at end of stream).</summary>
    public long ReadUpTo(Span<byte> destination)
    {
        var total = 0L;
        var fromBuffer = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(destination);
        _start += fromBuffer;
        total += fromBuffer;
        destination = destination[fromBuffer..];

        while (!destination.IsEmpty)
        {
            if (destination.Length < BufferSize / 2)
            {
                // Small remainder: go through the buffer so the following headers are buffered too.
                var available = Fill(destination.Length);
                if (available == 0) break;
                var take = Math.Min(available, destination.Length);
                _buffer.AsSpan(_start, take).CopyTo(destination);
                _start += take;
                total += take;
                destination = destination[take..];
                continue;
            }

            var read = _stream.Read(destination);
            if (read <= 0) break;
            _streamPosition += read;
            total += read;
            destination = destination[read..];
        }

        return total;
    }

    /// <summary>Skips bytes (seeking when possible); returns how many were skipped (fewer only at end of stream).</summary>
    public long SkipUpTo(long count)
    {
        var fromBuffer = (int)Math.Min(count, _end - _start);
        _start += fromBuffer;
        var rest = count - fromBuffer;
        if (rest == 0) return count;

        if (_stream.CanSeek)
        {
            var possible = Math.Min(rest, Remaining);
            _start = _end = 0;
            _streamPosition += possible;
            _stream.Position = _streamPosition;
            return fromBuffer + possible;
        }

        var skipped = (long)fromBuffer;
        while (rest > 0)
        {
            var available = Fill((int)Math.Min(rest, BufferSize));
            if (available == 0) break;
            var take = (int)Math.Min(available, rest);
            _start += take;
            rest -= take;
            skipped += take;
        }

        return skipped;
    }

    /// <summary>Whether at least one more byte can be read.</summary>
    public bool HasMore() => Fill(1) > 0;
}
