using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Storage;

/// <summary>
/// A lock file on the local disk: created exclusively when absent (never through a link), opened without
/// following links and held with an exclusive OS lock for the holder's lifetime (released by the kernel when the
/// process dies, so a crash never leaves it stuck). Nothing is written to the lock file, so nothing can be written
/// through it. The holder's owner id goes to <c>&lt;name&gt;.owner</c> next to it (quoted by a refused holder's
/// error), replaced by a rename, never written in place, so a link planted under that name is replaced, not
/// written through. Both files stay after release (deleting a lock file races with the next holder opening it).
/// </summary>
public sealed class LocalFileLock : StorageLock
{
    /// <summary>What is appended to the lock file's name for the file naming its holder.</summary>
    public const string OwnerSuffix = ".owner";

    /// <summary>What follows the owner file's name in its temporary name (<c>.lock.owner.tmp-&lt;32 hex&gt;</c>).</summary>
    public const string OwnerTemporaryMarker = ".tmp-";

    private const int MaxOwnerBytes = 256;

    // A process that starts a child while it releases its lock can leave the lock held for an instant: the child
    // shares the open file until it replaces itself with the new program. A busy lock is tried again for this long
    // before it counts as held by someone else.
    private static readonly TimeSpan BusyGrace = TimeSpan.FromMilliseconds(500);

    private readonly SafeFileHandle _handle;

    private LocalFileLock(string name, string path, string ownerId, SafeFileHandle handle, Exception? ownerRecordError)
        : base(name, path, ownerId)
    {
        _handle = handle;
        OwnerRecordError = ownerRecordError;
    }

    /// <summary>
    /// Why the owner id could not be written next to the lock (a full disk), or null. The open handle is the lock,
    /// so this is not a failure to lock; holders with a logger log it.
    /// </summary>
    public Exception? OwnerRecordError { get; }

    /// <summary>Whether <paramref name="fileName"/> is the temporary file of an owner update (left by a kill; safe to delete).</summary>
    public static bool IsOwnerTemporary(string fileName, string lockFileName)
    {
        var prefix = lockFileName + OwnerSuffix + OwnerTemporaryMarker;
        return fileName.Length == prefix.Length + 32
            && fileName.StartsWith(prefix, StringComparison.Ordinal)
            && fileName.AsSpan(prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
    }

    internal static LocalFileLock Acquire(ILocalFileSystem fileSystem, string name, string path, StorageLockOptions options)
    {
        LocalPaths.CreateDirectories(fileSystem, Path.GetDirectoryName(path)!);
        var ownerId = options.ResolveOwnerId();
        var handle = SafeFile.TryLock(path);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); handle is null && waited.Elapsed < BusyGrace;)
        {
            Thread.Sleep(20);
            handle = SafeFile.TryLock(path);
        }

        if (handle is null) throw new StorageLockedException(path, ReadHolder(path + OwnerSuffix), null);
        DeleteAbandonedOwnerRecords(fileSystem, path);
        return new LocalFileLock(name, path, ownerId, handle, RecordOwner(fileSystem, path + OwnerSuffix, ownerId));
    }

    /// <summary>The holder's owner id as written next to the lock file, or null when it cannot be read (never through a link).</summary>
    public static string? ReadHolder(string ownerPath)
    {
        try
        {
            var bytes = SafeFile.TryReadAllBytes(ownerPath, MaxOwnerBytes);
            var text = bytes is null ? null : Encoding.UTF8.GetString(bytes).Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    protected override ValueTask ReleaseCoreAsync()
    {
        // Closing a descriptor loses no data; the kernel releases the lock with it.
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }

    // Owner records are only written under the lock, so a temporary one found now was left by a killed holder.
    private static void DeleteAbandonedOwnerRecords(ILocalFileSystem fileSystem, string lockPath)
    {
        var lockFileName = Path.GetFileName(lockPath);
        foreach (var entry in new DirectoryInfo(Path.GetDirectoryName(lockPath)!).EnumerateFileSystemInfos(lockFileName + OwnerSuffix + OwnerTemporaryMarker + "*", LocalPaths.Everything))
        {
            if (!IsOwnerTemporary(entry.Name, lockFileName)) continue;
            try
            {
                fileSystem.DeleteFile(entry.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Harmless: named like a temporary owner record, never read; the next holder tries again.
            }
        }
    }

    // Written to a temporary file and renamed over the owner file; the error is returned, not thrown.
    private static Exception? RecordOwner(ILocalFileSystem fileSystem, string ownerPath, string ownerId)
    {
        var temp = ownerPath + OwnerTemporaryMarker + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = fileSystem.CreateFile(temp))
            {
                stream.Write(Encoding.UTF8.GetBytes(ownerId + "\n"));
                stream.Flush();
            }

            fileSystem.MoveFile(temp, ownerPath, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                if (SafeFile.EntryExists(temp)) fileSystem.DeleteFile(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Named like a temporary owner file, so the next holder removes it.
            }

            return e;
        }
    }
}
