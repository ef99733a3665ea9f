namespace Checkpoint.Storage;

/// <summary>
/// Random access to one committed object, for lazy tensor reads (<see cref="StorageTensorData"/>) and seekable
/// reading (<see cref="StorageReadStream"/>). A reader stays on the version it opened: object stores pin the
/// ETag and fail with a <see cref="CheckpointException"/> if the object is replaced meanwhile; the local file
/// system keeps reading the opened file. Either way a read never mixes two versions.
/// </summary>
/// <remarks>Safe to use from several threads at once. Reads after disposal throw a <see cref="CheckpointException"/> naming the object.</remarks>
public abstract class StorageObjectReader : IDisposable, IAsyncDisposable
{
    private int _disposed;

    /// <summary>Creates the reader.</summary>
    /// <param name="name">The object's name.</param>
    /// <param name="location">The object's full location for messages.</param>
    /// <param name="length">Its length when opened.</param>
    protected StorageObjectReader(string name, string location, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Name = name;
        Location = location;
        Length = length;
    }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The object's full location, for messages.</summary>
    public string Location { get; }

    /// <summary>The object's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Reads exactly <c>destination.Length</c> bytes starting at <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the object.</exception>
    /// <exception cref="CheckpointException">The object changed or vanished since it was opened, the reader is closed, or the backend failed.</exception>
    public ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        CheckRange(offset, destination.Length);
        return destination.IsEmpty ? ValueTask.CompletedTask : ReadCoreAsync(offset, destination, cancellationToken);
    }

    /// <summary>
    /// The synchronous form of <see cref="ReadAsync"/>, for <see cref="TensorData.Read"/>. Backends without a
    /// synchronous client (S3) wait for the asynchronous request here; prefer <see cref="ReadAsync"/> where you can.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the object.</exception>
    /// <exception cref="CheckpointException">The object changed or vanished since it was opened, the reader is closed, or the backend failed.</exception>
    public void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        if (!destination.IsEmpty) ReadCore(offset, destination);
    }

    /// <summary>Closes the reader.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the reader.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads a checked, non-empty range (one ranged GET on object stores), pinned to the opened version.</summary>
    protected abstract ValueTask ReadCoreAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>The synchronous form of <see cref="ReadCoreAsync"/>.</summary>
    protected abstract void ReadCore(long offset, Span<byte> destination);

    /// <summary>Fills <paramref name="destination"/> from <paramref name="source"/> (the response to a ranged request from <paramref name="offset"/>).</summary>
    /// <exception cref="CheckpointException">The source ended first.</exception>
    protected async ValueTask CopyExactlyAsync(Stream source, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var done = 0;
        while (done < destination.Length)
        {
            var read = await source.ReadAsync(destination[done..], cancellationToken).ConfigureAwait(false);
            if (read <= 0) throw EndedEarly(offset + done);
            done += read;
        }
    }

    /// <summary>The synchronous form of <see cref="CopyExactlyAsync"/>.</summary>
    /// <exception cref="CheckpointException">The source ended first.</exception>
    protected void CopyExactly(Stream source, long offset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        var done = 0;
        while (done < destination.Length)
        {
            var read = source.Read(destination[done..]);
            if (read <= 0) throw EndedEarly(offset + done);
            done += read;
        }
    }

    /// <summary>Releases the backend's handle; called once.</summary>
    protected virtual void Close()
    {
    }

    /// <summary>Throws a <see cref="CheckpointException"/> naming the object if the reader has been closed.</summary>
    protected void ThrowIfClosed()
    {
        if (Volatile.Read(ref _disposed) != 0)
            throw new CheckpointException($"Cannot read {Location}: its reader was closed.");
    }

    /// <summary>The error for an object that changed (or vanished) after it was opened.</summary>
    protected CheckpointException Changed(Exception? cause = null) =>
        new($"{Location} changed or was deleted after it was opened; reopen it to read the new version.", cause);

    /// <summary>The error for an object that ends before its opened length.</summary>
    protected CheckpointException EndedEarly(long position) =>
        new($"{Location} ended at byte {position}, before its opened length of {Length} bytes (did it change since it was opened?).");

    private void CheckRange(long offset, int length)
    {
        ThrowIfClosed();
        if (offset < 0 || length < 0 || offset > Length - length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Bytes {offset}..{offset + length} are outside the {Length} bytes of {Location}.");
    }
}
