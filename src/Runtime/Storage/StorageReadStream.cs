namespace Checkpoint.Storage;

/// <summary>
/// A read-only, seekable stream over a <see cref="StorageObjectReader"/>, so the format readers (which index a
/// file by seeking over array data, then read each array) work on object storage unchanged. Small reads are
/// served from a buffer filled by one ranged read; reads at least as large as the buffer go straight to the
/// object, so array bytes are never copied twice.
/// </summary>
public sealed class StorageReadStream : Stream
{
    /// <summary>The default buffer: large enough for msgpack headers, small enough that skipping arrays stays cheap.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    private readonly StorageObjectReader _reader;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private long _bufferStart;
    private int _bufferLength;
    private long _position;
    private bool _disposed;

    /// <summary>Creates the stream.</summary>
    /// <param name="reader">The open object.</param>
    /// <param name="bufferSize">The size of a buffered read.</param>
    /// <param name="leaveOpen">Whether disposing the stream leaves <paramref name="reader"/> open.</param>
    public StorageReadStream(StorageObjectReader reader, int bufferSize = DefaultBufferSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _reader = reader;
        _leaveOpen = leaveOpen;
        _buffer = new byte[(int)Math.Min(bufferSize, Math.Max(1, reader.Length))];
    }

    /// <summary>The object's full location, for messages.</summary>
    public string Location => _reader.Location;

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => !_disposed;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _reader.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = (int)Math.Min(buffer.Length, Math.Max(0, Length - _position));
        if (count == 0) return 0;
        if (!Buffered(count))
        {
            if (count >= _buffer.Length)
            {
                _reader.Read(_position, buffer[..count]);
                _position += count;
                return count;
            }

            Refill();
        }

        return FromBuffer(buffer[..count]);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = (int)Math.Min(buffer.Length, Math.Max(0, Length - _position));
        if (count == 0) return 0;
        if (!Buffered(count))
        {
            if (count >= _buffer.Length)
            {
                await _reader.ReadAsync(_position, buffer[..count], cancellationToken).ConfigureAwait(false);
                _position += count;
                return count;
            }

            var length = (int)Math.Min(_buffer.Length, Length - _position);
            await _reader.ReadAsync(_position, _buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            _bufferStart = _position;
            _bufferLength = length;
        }

        return FromBuffer(buffer.Span[..count]);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <summary>Does nothing: the stream is read-only.</summary>
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void SetLength(long value) => throw new NotSupportedException("A storage read stream is read-only.");

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A storage read stream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_leaveOpen) _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    // Whether the first byte wanted is in the buffer (then at least one byte can be served from it).
    private bool Buffered(int count) => count > 0 && _position >= _bufferStart && _position < _bufferStart + _bufferLength;

    private void Refill()
    {
        var length = (int)Math.Min(_buffer.Length, Length - _position);
        _reader.Read(_position, _buffer.AsSpan(0, length));
        _bufferStart = _position;
        _bufferLength = length;
    }

    private int FromBuffer(Span<byte> destination)
    {
        var start = (int)(_position - _bufferStart);
        var count = Math.Min(destination.Length, _bufferLength - start);
        _buffer.AsSpan(start, count).CopyTo(destination);
        _position += count;
        return count;
    }
}
