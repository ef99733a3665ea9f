namespace Checkpoint.Storage;

/// <summary>
/// Mutual exclusion over a name of a storage (the manager's lock on its directory or prefix), held until
/// released or disposed. A lock file on the local disk (freed by the kernel when the holder dies), a blob lease
/// on Azure, a conditionally written lock object on S3; see docs/storage.md for what each guarantees.
/// </summary>
/// <remarks>
/// On object stores a lock is a lease that its holder renews in the background; if renewals fail for a whole
/// lease duration the lock is lost (<see cref="IsHeld"/> turns false). Call <see cref="ThrowIfLost"/> before
/// anything that must only happen under the lock, such as committing a step.
/// </remarks>
public abstract class StorageLock : IDisposable, IAsyncDisposable
{
    private string? _lostReason;
    private int _released;

    /// <summary>Creates the lock object for a lock that was just acquired.</summary>
    protected StorageLock(string name, string location, string ownerId)
    {
        Name = name;
        Location = location;
        OwnerId = ownerId;
    }

    /// <summary>The lock's name in its storage.</summary>
    public string Name { get; }

    /// <summary>The lock's full location, for messages.</summary>
    public string Location { get; }

    /// <summary>This holder's owner id.</summary>
    public string OwnerId { get; }

    /// <summary>Whether the lock is still held: false after release, or once a lease could not be renewed in time.</summary>
    public bool IsHeld => Volatile.Read(ref _released) == 0 && Volatile.Read(ref _lostReason) is null;

    /// <summary>Throws unless the lock is still held.</summary>
    /// <exception cref="CheckpointException">The lock was released or lost; the message says why.</exception>
    public void ThrowIfLost()
    {
        if (Volatile.Read(ref _released) != 0) throw new CheckpointException($"The lock {Location} was released by {OwnerId}.");
        if (Volatile.Read(ref _lostReason) is { } reason) throw new CheckpointException($"The lock {Location} held by {OwnerId} was lost: {reason}");
    }

    /// <summary>Releases the lock (idempotent).</summary>
    public async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        await ReleaseCoreAsync().ConfigureAwait(false);
    }

    /// <summary>Releases the lock.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ReleaseAsync();
    }

    /// <summary>Releases the lock, waiting for an object store's request.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        ReleaseAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Frees the lock in the backend; called once.</summary>
    protected abstract ValueTask ReleaseCoreAsync();

    /// <summary>Records that the lock is lost (a lease that could not be renewed, or was taken over).</summary>
    protected void MarkLost(string reason) => Interlocked.CompareExchange(ref _lostReason, reason, null);
}
