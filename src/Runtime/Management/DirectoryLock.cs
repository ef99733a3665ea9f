using System.Globalization;
using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// The <c>.lock</c> file of a manager directory: the local storage's lock (<see cref="LocalFileLock"/>, a file held
/// open with <see cref="FileShare.None"/> for the manager's lifetime, released by the kernel when the process dies),
/// with the holder's PID as its owner id, so a refused manager's error names the process (from <c>.lock.owner</c>).
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly LocalFileLock _lock;

    private DirectoryLock(LocalFileLock held) => _lock = held;

    public static DirectoryLock Acquire(string directory)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            return new DirectoryLock(new LocalFileStorage(directory).AcquireLock(StepNames.LockFile, new StorageLockOptions { OwnerId = pid }));
        }
        catch (StorageLockedException e)
        {
            var holder = e.Holder is null ? " (holder's PID unknown)"
                : int.TryParse(e.Holder, NumberStyles.None, CultureInfo.InvariantCulture, out var other) ? $" (process {other})" : $" ({e.Holder})";
            throw new CheckpointException(
                $"Checkpoint directory {directory} is in use by another CheckpointManager{holder}; two managers must never write one directory (lock file {e.Location}).", e);
        }
    }

    public void Dispose() => _lock.Dispose();
}
