using System.Text;
using Checkpoint.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Management;

/// <summary>
/// The <c>.lock</c> file of a manager directory: created exclusively when absent, opened without following links,
/// and held with an exclusive OS lock for the manager's lifetime (released by the kernel when the process dies,
/// so a crash never leaves it stuck). Nothing is written to it, so nothing can be written through it. The
/// holder's PID goes to <c>.lock.owner</c> (quoted by the error of a refused manager), which is replaced by a
/// rename, never written in place, so a link planted under that name is replaced, not written through.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private const int MaxOwnerBytes = 64;
    private const string OwnerTemporaryPrefix = StepNames.LockOwnerFile + StepNames.TempPrefix;

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly ILogger? _logger;

    private DirectoryLock(SafeFileHandle handle, string path, ILogger? logger)
    {
        _handle = handle;
        _path = path;
        _logger = logger;
    }

    /// <summary>Takes the lock of <paramref name="directory"/>; failures to record the PID are logged, not thrown.</summary>
    /// <exception cref="CheckpointException">Another manager holds the lock, or <c>.lock</c> is a link or not a regular file.</exception>
    public static DirectoryLock Acquire(string directory, IManagerFileSystem fileSystem, ILogger? logger)
    {
        var path = Path.Combine(directory, StepNames.LockFile);
        SafeFileHandle? handle;
        try
        {
            handle = SafeFile.TryLock(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(
                $"Cannot lock checkpoint directory {directory}: {e.Message} Remove {path} if no CheckpointManager is using the directory.", e);
        }

        if (handle is null)
        {
            var holder = ReadHolder(Path.Combine(directory, StepNames.LockOwnerFile));
            throw new CheckpointException(
                $"Checkpoint directory {directory} is in use by another CheckpointManager{holder}; two managers must never write one directory (lock file {path}).");
        }

        RecordOwner(directory, fileSystem, logger);
        return new DirectoryLock(handle, path, logger);
    }

    /// <summary>Whether <paramref name="name"/> is the temporary file of a <c>.lock.owner</c> update (left by a kill; removed on open).</summary>
    public static bool IsOwnerTemporary(string name) =>
        name.Length == OwnerTemporaryPrefix.Length + 32
        && name.StartsWith(OwnerTemporaryPrefix, StringComparison.Ordinal)
        && name.AsSpan(OwnerTemporaryPrefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>Releases the lock. Never throws: closing a descriptor cannot lose data here, and a failure is logged.</summary>
    public void Dispose()
    {
        try
        {
            _handle.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger?.LogWarning(e, "Checkpoint manager: releasing the lock {Path} failed", _path);
        }
    }

    // Only informative (the open handle is the lock), so a failure (a full disk) is logged and the manager opens.
    private static void RecordOwner(string directory, IManagerFileSystem fileSystem, ILogger? logger)
    {
        var owner = Path.Combine(directory, StepNames.LockOwnerFile);
        var temp = Path.Combine(directory, OwnerTemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stream = fileSystem.CreateFile(temp))
            {
                stream.Write(Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n"));
                stream.Flush();
            }

            fileSystem.MoveFile(temp, owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning(e, "Checkpoint manager {Directory}: could not record this process as the holder in {Path}: {Error}", directory, owner, e.Message);
            TryDelete(fileSystem, temp);
        }
    }

    private static void TryDelete(IManagerFileSystem fileSystem, string path)
    {
        try
        {
            if (SafeFile.EntryExists(path)) fileSystem.DeleteFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Named like a temporary file, so it is recognisable; the next holder replaces .lock.owner anyway.
        }
    }

    // Written by the holder right after it took the lock; the message says so when it cannot be read.
    private static string ReadHolder(string path)
    {
        try
        {
            var bytes = SafeFile.TryReadAllBytes(path, MaxOwnerBytes);
            if (bytes is null) return " (holder's PID unknown)";
            return int.TryParse(Encoding.UTF8.GetString(bytes).Trim(), out var pid) ? $" (process {pid})" : " (holder's PID unknown)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return " (holder's PID unreadable)";
        }
    }
}
