using System.Text;

namespace Checkpoint.Storage;

/// <summary>
/// A lock file held open with <see cref="FileShare.None"/> (an OS lock, released by the kernel when the process
/// dies, so a crash never leaves it stuck). The holder's owner id is written to it and, because the lock forbids
/// reading it on Unix, also to the unlocked <c>&lt;name&gt;.owner</c> next to it, which a refused holder's error quotes.
/// Both files stay after release (deleting a lock file races with the next holder opening it).
/// </summary>
public sealed class LocalFileLock : StorageLock
{
    /// <summary>What is appended to the lock file's name for the file naming its holder.</summary>
    public const string OwnerSuffix = ".owner";

    private readonly FileStream _stream;

    private LocalFileLock(string name, string path, string ownerId, FileStream stream)
        : base(name, path, ownerId) => _stream = stream;

    internal static LocalFileLock Acquire(ILocalFileSystem fileSystem, string name, string path, StorageLockOptions options)
    {
        LocalPaths.CreateDirectories(fileSystem, Path.GetDirectoryName(path)!);
        var ownerId = options.ResolveOwnerId();
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new StorageLockedException(path, ReadHolder(path + OwnerSuffix), e);
        }

        try
        {
            var text = Encoding.UTF8.GetBytes(ownerId + "\n");
            stream.SetLength(0);
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            File.WriteAllBytes(path + OwnerSuffix, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The owner id is only informative; the open handle is the lock.
        }

        return new LocalFileLock(name, path, ownerId, stream);
    }

    /// <summary>The holder's owner id as written next to the lock file, or null when it cannot be read.</summary>
    public static string? ReadHolder(string ownerPath)
    {
        try
        {
            using var stream = new FileStream(ownerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadLine()?.Trim();
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
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
