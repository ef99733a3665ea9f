using System.Buffers;

namespace Checkpoint.Formats;

/// <summary>
/// The bytes of one open checkpoint, shared by every lazy array read from it (whatever its format): reads at
/// positions from where the stream stood when opened, safe from several threads, knowing the length the stream
/// had when opened, and after <see cref="Dispose"/> refusing every read with a <see cref="CheckpointException"/>
/// naming the file. A file is read by position through its handle (no shared position, no lock for large reads);
/// small reads in increasing order — a load of 100,000 small arrays in file order — are served from one read-ahead
/// window instead of a system call each. As a <see cref="TensorData"/> it is the whole source: an array leaf keeps
/// its offset in it.
/// </summary>
internal sealed class RandomAccessSource : TensorData, IDisposable
{
    // Reads below this size go through the window; larger ones go straight from the source into the destination.
    private const int SmallRead = 64 * 1024;
    private const int WindowSize = 1 << 20;

    private readonly Stream _stream;
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle? _file;
    private readonly bool _ownsStream;
    private readonly object _gate = new();
    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;
    private volatile bool _disposed;

    /// <summary>A source over <paramref name="stream"/> from its current position (or from <paramref name="start"/>).</summary>
    public RandomAccessSource(Stream stream, string name, bool ownsStream, long? start = null)
        : base(LengthOf(stream, start))
    {
        _stream = stream;
        _file = stream is FileStream file ? file.SafeFileHandle : null;
        _ownsStream = ownsStream;
        Name = name;
        Start = start ?? stream.Position;
        Length = ByteLength;
    }

    /// <inheritdoc />
    public override string Location => Name;

    /// <inheritdoc />
    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        ReadArray(offset, destination);
    }

    private static long LengthOf(Stream stream, long? start)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("A lazy reader needs a readable, seekable stream.", nameof(stream));
        return stream.Length - (start ?? stream.Position);
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
    public static T Parse<T>(Stream stream, LoadOptions? options, bool leaveOpen, Func<RandomAccessSource, T> parse)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var name = options?.SourceName ?? (stream as FileStream)?.Name ?? "<stream>";
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
        EnsureOpen();
        try
        {
            return _file is null ? ReadLocked(position, destination) : ReadFile(position, destination);
        }
        catch (ObjectDisposedException e)
        {
            throw new CheckpointException($"{Name} was closed; open it again to read its arrays.", e);
        }
        catch (IOException e)
        {
            throw new CheckpointException($"Could not read {Name} at byte {position}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads array bytes for a lazy leaf that keeps its offset in this source (msgpack arrays). Small reads are
    /// served from a read-ahead window: a load of many small arrays in file order costs one read per window, not
    /// one per array. Format parsers read their headers through <see cref="ReadAt"/>, which reads exactly.
    /// </summary>
    private void ReadArray(long position, Span<byte> destination)
    {
        if (destination.Length >= SmallRead)
        {
            ReadExactlyAt(position, destination, "", "the array data");
            return;
        }

        lock (_gate)
        {
            // The window goes back to the pool when the source closes: check under the lock that it has not.
            EnsureOpen();
            if (position < _windowStart || position + destination.Length > _windowStart + _windowLength)
            {
                // Pooled: a load per training step would otherwise leave a 1 MiB large-object array behind each time.
                _window ??= ArrayPool<byte>.Shared.Rent(WindowSize);
                _windowStart = position;
                _windowLength = ReadAt(position, _window.AsSpan(0, (int)Math.Max(0, Math.Min(WindowSize, Length - position))));
            }

            var available = (int)Math.Max(0, Math.Min(destination.Length, _windowStart + _windowLength - position));
            _window.AsSpan((int)(position - _windowStart), available).CopyTo(destination);
            if (available < destination.Length)
                throw new CheckpointFormatException(
                    $"the file ends {destination.Length - available} byte(s) before the end of the array data (is it truncated, or did it change since it was opened?)",
                    Name, "", position + available);
        }
    }

    // Positional reads through the file handle: no shared position, safe from several threads at once.
    private int ReadFile(long position, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(_file!, destination[done..], Start + position + done);
            if (read <= 0) break;
            done += read;
        }

        return done;
    }

    // Any other seekable stream has one position: reads take turns.
    private int ReadLocked(long position, Span<byte> destination)
    {
        lock (_stream)
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
            if (_window is { } window)
            {
                _window = null;
                _windowLength = 0;
                ArrayPool<byte>.Shared.Return(window);
            }

            lock (_stream)
            {
                if (_ownsStream) _stream.Dispose();
            }
        }
    }
}
