using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Storage;

/// <summary>
/// Opens files inside checkpoint directories, which may be shared and hostile: never through a symbolic link
/// (the kernel refuses it, <c>O_NOFOLLOW</c>, so nothing can swap a link in between a check and the open), only
/// when what was opened is a regular file (checked on the open descriptor, not the name), and without ever
/// blocking (a FIFO opens non-blocking and is then refused). Sizes come from the open handle, so they describe
/// what is read. A refused entry throws <see cref="UnsafeFileException"/>, an <see cref="IOException"/>.
/// </summary>
/// <remarks>
/// Linux checks the type with <c>statx</c>; other Unix systems refuse what cannot seek (FIFOs, sockets,
/// terminals) and directories. Windows cannot open without following links from .NET, so there the name is
/// checked for a link right before the open and the handle afterwards (a narrow window remains; creating links
/// needs a privilege there).
/// </remarks>
internal static class SafeFile
{
    /// <summary>Opens an existing regular file for reading; null when nothing has that name.</summary>
    /// <param name="path">The file.</param>
    /// <param name="followLinks">
    /// False (the default) inside checkpoint directories. True only for a path the user named themselves (a
    /// plain checkpoint file given to <c>Load</c>), where a link is the user's own choice but a FIFO or device
    /// must still not block or be read as a checkpoint.
    /// </param>
    /// <exception cref="UnsafeFileException">The name is a symbolic link, or what it names is not a regular file.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static SafeFileHandle? TryOpenRead(string path, bool followLinks = false)
    {
        var handle = OperatingSystem.IsWindows() ? OpenOnWindows(path, followLinks) : UnixFiles.Open(path, followLinks);
        if (handle is null) return null;
        try
        {
            RequireRegularFile(handle, path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="TryOpenRead"/>, but a missing file throws <see cref="FileNotFoundException"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing has that name.</exception>
    /// <exception cref="UnsafeFileException">The name is a symbolic link, or what it names is not a regular file.</exception>
    public static SafeFileHandle OpenRead(string path, bool followLinks = false) =>
        TryOpenRead(path, followLinks) ?? throw new FileNotFoundException($"Could not find file '{path}'.", path);

    /// <summary>A read-only stream over <see cref="OpenRead"/> (for readers that take a <see cref="Stream"/>, such as the zoo's).</summary>
    public static FileStream OpenReadStream(string path, bool followLinks = false, int bufferSize = 1 << 16) =>
        new(OpenRead(path, followLinks), FileAccess.Read, bufferSize);

    /// <summary>Reads a whole small file (a manifest, a PID), refusing one larger than <paramref name="maxBytes"/> before allocating.</summary>
    /// <returns>The bytes, or null when nothing has that name.</returns>
    /// <exception cref="UnsafeFileException">The name is a link or not a regular file.</exception>
    /// <exception cref="IOException">It cannot be read, or it is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[]? TryReadAllBytes(string path, long maxBytes)
    {
        using var handle = TryOpenRead(path);
        if (handle is null) return null;
        var length = RandomAccess.GetLength(handle);
        if (length > maxBytes) throw new IOException($"{path} is {length} bytes, more than the {maxBytes} expected.");
        var bytes = new byte[length];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = RandomAccess.Read(handle, bytes.AsSpan(filled), filled);
            if (read == 0) break; // shrunk since the length was taken: what is there is what it holds
            filled += read;
        }

        return filled == bytes.Length ? bytes : bytes[..filled];
    }

    /// <summary>
    /// Opens the lock file <paramref name="path"/>, creating it exclusively when absent (<c>O_CREAT | O_EXCL</c>,
    /// which never follows a link), and takes an exclusive OS lock on it, released when the handle is closed or
    /// the process dies. Nothing is ever written to it. Null when another process holds the lock.
    /// </summary>
    /// <exception cref="UnsafeFileException">The name is a symbolic link (even a dangling one) or not a regular file.</exception>
    /// <exception cref="IOException">The file cannot be created or opened.</exception>
    public static SafeFileHandle? TryLock(string path)
    {
        if (OperatingSystem.IsWindows()) return TryLockOnWindows(path);
        IOException? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var handle = TryOpenRead(path);
            if (handle is null)
            {
                try
                {
                    // Created and closed: the lock is taken on the handle opened (without following links) above.
                    File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete).Dispose();
                }
                catch (IOException e)
                {
                    lastError = e; // created by someone else meanwhile (or a link was planted): look again
                }

                continue;
            }

            if (UnixFiles.TryLockExclusive(handle)) return handle;
            handle.Dispose();
            return null;
        }

        throw lastError ?? new IOException($"Cannot create {path}.");
    }

    /// <summary>Whether anything at all has that name: a file, a directory, a FIFO or a link (even a dangling one). Never follows a link.</summary>
    public static bool EntryExists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Whether the name is a symbolic link (to anything, or dangling).</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static void RequireRegularFile(SafeFileHandle handle, string path)
    {
        if (UnixFiles.FileType(handle) is { } type)
        {
            if (type != UnixFiles.Regular) throw new UnsafeFileException(path, Describe(type));
            return;
        }

        RequireRegularFileWithoutStatx(handle, path);
    }

    /// <summary>The check where <c>statx</c> is missing (macOS, the BSDs, Windows); internal so Linux tests exercise it too.</summary>
    internal static void RequireRegularFileWithoutStatx(SafeFileHandle handle, string path)
    {
        // A directory says so; FIFOs, sockets and terminals cannot seek, so their length is unknown.
        if ((File.GetAttributes(handle) & FileAttributes.Directory) != 0) throw new UnsafeFileException(path, Describe(UnixFiles.Directory));
        try
        {
            _ = RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            throw new UnsafeFileException(path, "not a regular file (it cannot seek: a FIFO, socket or terminal)");
        }
    }

    private static string Describe(int type) => type switch
    {
        UnixFiles.Fifo => "a FIFO (named pipe), not a regular file",
        UnixFiles.Socket => "a socket, not a regular file",
        UnixFiles.CharacterDevice => "a character device, not a regular file",
        UnixFiles.BlockDevice => "a block device, not a regular file",
        UnixFiles.Directory => "a directory, not a regular file",
        UnixFiles.Link => "a symbolic link",
        _ => "not a regular file",
    };

    private static SafeFileHandle? OpenOnWindows(string path, bool followLinks)
    {
        if (!followLinks && IsLink(path)) throw new UnsafeFileException(path, "a symbolic link");
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw new UnsafeFileException(path, Describe(UnixFiles.Directory));
        }
    }

    private static SafeFileHandle? TryLockOnWindows(string path)
    {
        const int SharingViolation = unchecked((int)0x80070020), LockViolation = unchecked((int)0x80070021);
        if (IsLink(path)) throw new UnsafeFileException(path, "a symbolic link");
        try
        {
            // Windows share modes are the lock: FileShare.None keeps every other opener out until the handle closes.
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is SharingViolation or LockViolation)
        {
            return null;
        }
    }
}
