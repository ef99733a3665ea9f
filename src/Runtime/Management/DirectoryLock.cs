using System.Globalization;
using Checkpoint.Storage;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// The <c>.lock</c> file of a manager directory: the local storage's lock (<see cref="LocalFileLock"/>: created
/// exclusively, never through a link, never written; an OS lock released by the kernel when the process dies),
/// with the holder's PID as its owner id, so a refused manager's error names the process (from <c>.lock.owner</c>).
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly LocalFileLock _lock;
    private readonly ILogger? _logger;

    private DirectoryLock(LocalFileLock held, ILogger? logger)
    {
        _lock = held;
        _logger = logger;
    }

    /// <summary>Takes the lock of <paramref name="directory"/>; a failure to record the PID is logged, not thrown.</summary>
    /// <exception cref="CheckpointException">Another manager holds the lock, or <c>.lock</c> is a link or not a regular file.</exception>
    public static DirectoryLock Acquire(string directory, IManagerFileSystem fileSystem, ILogger? logger)
    {
        var path = Path.Combine(directory, StepNames.LockFile);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        LocalFileLock held;
        try
        {
            held = new LocalFileStorage(directory, fileSystem).AcquireLock(StepNames.LockFile, new StorageLockOptions { OwnerId = pid });
        }
        catch (StorageLockedException e)
        {
            var holder = e.Holder is null ? " (holder's PID unknown)"
                : int.TryParse(e.Holder, NumberStyles.None, CultureInfo.InvariantCulture, out var other) ? $" (process {other})" : $" ({e.Holder})";
            throw new CheckpointException(
                $"Checkpoint directory {directory} is in use by another CheckpointManager{holder}; two managers must never write one directory (lock file {path}).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"Cannot lock checkpoint directory {directory}: {e.Message} Remove {path} if no CheckpointManager is using the directory.", e);
        }

        if (held.OwnerRecordError is { } error && logger is not null)
            ManagerLog.LockOwnerNotRecorded(logger, error, directory, path + LocalFileLock.OwnerSuffix, error.Message);
        return new DirectoryLock(held, logger);
    }

    /// <summary>Whether <paramref name="name"/> is the temporary file of a <c>.lock.owner</c> update (left by a kill; removed on open).</summary>
    public static bool IsOwnerTemporary(string name) => LocalFileLock.IsOwnerTemporary(name, StepNames.LockFile);

    /// <summary>Releases the lock. Never throws: closing a descriptor cannot lose data here, and a failure is logged.</summary>
    public void Dispose()
    {
        try
        {
            _lock.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_logger is not null) ManagerLog.LockReleaseFailed(_logger, e, _lock.Location);
        }
    }
}
