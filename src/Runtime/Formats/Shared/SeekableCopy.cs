namespace Checkpoint.Formats;

/// <summary>
/// Collects a stream that cannot seek (a pipe, a network stream) into memory so the one reader of a format,
/// which works on seekable input, reads it exactly as it reads a file. Bytes are kept in 1 MiB pieces as they
/// arrive: nothing is allocated from a length the data declares.
/// </summary>
internal static class SeekableCopy
{
    private const int PieceLength = 1 << 20;

    /// <summary>Reads <paramref name="source"/> to its end into a read-only, seekable stream.</summary>
    public static Stream From(Stream source, CancellationToken cancellationToken) =>
        FromAsync(source, null, synchronous: true, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The asynchronous form of <see cref="From"/> (a download): reports the bytes read so far to <paramref name="progress"/>.</summary>
    public static Task<Stream> FromAsync(Stream source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        FromAsync(source, progress, synchronous: false, cancellationToken);

    // One loop for both forms; the synchronous one never awaits anything that is not already complete.
    private static async Task<Stream> FromAsync(Stream source, IProgress<long>? progress, bool synchronous, CancellationToken cancellationToken)
    {
        var pieces = new List<byte[]>();
        long length = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = new byte[PieceLength];
            var filled = 0;
            while (filled < piece.Length)
            {
                var read = synchronous
                    ? source.Read(piece, filled, piece.Length - filled)
                    : await source.ReadAsync(piece.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read <= 0) break;
                filled += read;
            }

            if (filled > 0)
            {
                pieces.Add(piece);
                length += filled;
                progress?.Report(length);
            }

            if (filled < piece.Length) break;
        }

        return new PiecesStream(pieces, length);
    }

    private sealed class PiecesStream(List<byte[]> pieces, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var done = 0;
            while (done < buffer.Length && _position < length)
            {
                var piece = pieces[(int)(_position / PieceLength)];
                var within = (int)(_position % PieceLength);
                var take = (int)Math.Min(Math.Min(buffer.Length - done, PieceLength - within), length - _position);
                piece.AsSpan(within, take).CopyTo(buffer[done..]);
                done += take;
                _position += take;
            }

            return done;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
