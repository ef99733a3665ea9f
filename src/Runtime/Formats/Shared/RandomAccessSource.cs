namespace Checkpoint.Formats;

/// <summary>
/// A seekable stream shared by the lazy arrays of one open file: reads at absolute positions under a lock (so
/// arrays can be read from several threads), knows the length it had when opened, and after
/// <see cref="Dispose"/> refuses every read with a <see cref="CheckpointException"/> naming the file.
/// </summary>
internal sealed class RandomAccessSource : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly object _gate = new();
    private bool _disposed;

    public RandomAccessSource(Stream stream, string name, bool ownsStream)
    {
        if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("A lazy reader needs a readable, seekable stream.", nameof(stream));
        _stream = stream;
        _ownsStream = ownsStream;
        Name = name;
        Start = stream.Position;
        Length = stream.Length - Start;
    }

    /// <summary>The name used in messages (the full path, or the name given for a stream).</summary>
    public string Name { get; }

    /// <summary>The number of bytes from where the stream was positioned when opened to its end.</summary>
    public long Length { get; }

    // Positions are relative to where the stream was when the source was made: a format starts there.
    private long Start { get; }

    /// <summary>
    /// Opens <paramref name="stream"/> as a source and parses it with <paramref name="parse"/>, closing the source if
    /// parsing fails. A stream that cannot seek is first read to its end into memory (the one reader of each format
    /// works on seekable input, so both kinds of stream are checked alike).
    /// </summary>
    public static T Parse<T>(Stream stream, ArrayFileReadOptions? options, bool leaveOpen, Func<RandomAccessSource, T> parse)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var name = options?.FileName ?? (stream as FileStream)?.Name ?? "<stream>";
        RandomAccessSource source;
        if (stream.CanSeek)
        {
            source = new RandomAccessSource(stream, name, ownsStream: !leaveOpen);
        }
        else
        {
            var copy = SeekableCopy.From(stream, CancellationToken.None);
            if (!leaveOpen) stream.Dispose();
            source = new RandomAccessSource(copy, name, ownsStream: true);
        }

        try
        {
            return parse(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="position"/>; fewer only at the end of the stream.</summary>
    /// <exception cref="CheckpointException">The file was closed, or reading it failed.</exception>
    public int ReadAt(long position, Span<byte> destination)
    {
        lock (_gate)
        {
            EnsureOpen();
            try
            {
                _stream.Position = Start + position;
                var done = 0;
                while (done < destination.Length)
                {
                    var read = _stream.Read(destination[done..]);
                    if (read <= 0) break;
                    done += read;
                }

                return done;
            }
            catch (IOException e)
            {
                throw new CheckpointException($"Could not read {Name} at byte {position}: {e.Message}", e);
            }
        }
    }

    /// <summary>Reads exactly <c>destination.Length</c> bytes at <paramref name="position"/>.</summary>
    /// <exception cref="CheckpointFormatException">The stream ends first (the file is truncated, or changed since it was opened).</exception>
    public void ReadExactlyAt(long position, Span<byte> destination, string pathInFile, string what)
    {
        var read = ReadAt(position, destination);
        if (read < destination.Length)
            throw new CheckpointFormatException(
                $"the file ends {destination.Length - read} byte(s) before the end of {what} (is it truncated, or did it change since it was opened?)",
                Name, pathInFile, position + read);
    }

    /// <summary>Throws when the file was closed, for readers that may serve bytes from their own buffers.</summary>
    /// <exception cref="CheckpointException">The file was closed.</exception>
    public void EnsureOpen()
    {
        if (_disposed) throw new CheckpointException($"{Name} was closed; open it again to read its arrays.");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_ownsStream) _stream.Dispose();
        }
    }
}
