using System.Globalization;
using Checkpoint.Storage;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// The manager's lock on its storage, <c>.lock</c>: on the local disk a lock file (<see cref="LocalFileLock"/>:
/// created exclusively, never through a link, never written; an OS lock released by the kernel when the process
/// dies) with the holder's PID as its owner id; on Azure a blob lease and on S3 a lock object, both leases renewed
/// in the background, with <c>machine/pid/random</c> as the owner id. A refused manager's error names the holder.
/// </summary>
internal sealed class ManagerLock : IDisposable
{
    private readonly StorageLock _lock;
    private readonly ILogger? _logger;

    private ManagerLock(StorageLock held, ILogger? logger)
    {
        _lock = held;
        _logger = logger;
    }

    /// <summary>Takes the lock of <paramref name="storage"/>; a failure to record the PID next to a local lock is logged, not thrown.</summary>
    /// <exception cref="CheckpointException">Another manager holds the lock, or (locally) <c>.lock</c> is a link or not a regular file.</exception>
    public static ManagerLock Acquire(ObjectStorage storage, TimeSpan leaseDuration, TimeSpan wait, ILogger? logger, CancellationToken cancellationToken)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); ; Thread.Sleep(200))
        {
            try
            {
                return Acquire(storage, leaseDuration, logger, cancellationToken);
            }
            catch (CheckpointException e) when (e.InnerException is StorageLockedException && waited.Elapsed < wait)
            {
                // Held by another manager, perhaps a dead one whose lease has not run out yet: look again.
            }
        }
    }

    private static ManagerLock Acquire(ObjectStorage storage, TimeSpan leaseDuration, ILogger? logger, CancellationToken cancellationToken)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // Every local holder is on this machine, so its PID says who it is; elsewhere the machine must be named too.
        var options = new StorageLockOptions { OwnerId = storage is LocalFileStorage ? pid : null, LeaseDuration = leaseDuration };
        var location = storage.LocationOf(StepNames.LockFile);
        StorageLock held;
        try
        {
            held = storage.AcquireLockAsync(StepNames.LockFile, options, cancellationToken).GetAwaiter().GetResult();
        }
        catch (StorageLockedException e)
        {
            var holder = e.Holder is null ? " (holder unknown)"
                : int.TryParse(e.Holder, NumberStyles.None, CultureInfo.InvariantCulture, out var other) ? $" (process {other})" : $" ({e.Holder})";
            throw new CheckpointException(
                $"Checkpoint directory {storage.Location} is in use by another CheckpointManager{holder}; two managers must never write one directory (lock {location}).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new CheckpointException(
                $"Cannot lock checkpoint directory {storage.Location}: {e.Message} Remove {location} if no CheckpointManager is using the directory.", e);
        }

        if (held is LocalFileLock { OwnerRecordError: { } error } && logger is not null)
            ManagerLog.OwnerNotRecorded(logger, error, storage.Location, location + LocalFileLock.OwnerSuffix, error.Message);
        return new ManagerLock(held, logger);
    }

    /// <summary>Throws unless the lock is still held (a lease on an object store can be lost when it cannot be renewed).</summary>
    /// <exception cref="CheckpointException">The lock was lost; nothing may be committed.</exception>
    public void ThrowIfLost() => _lock.ThrowIfLost();

    /// <summary>Releases the lock. Never throws: a failure is logged (an unreleased lease expires by itself).</summary>
    public void Dispose()
    {
        try
        {
            _lock.Dispose();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            if (_logger is not null) ManagerLog.ReleaseFailed(_logger, e, _lock.Location);
        }
    }
}
