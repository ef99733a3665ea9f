using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Storage;

/// <summary>
/// The few POSIX calls .NET does not expose: <c>open</c> with <c>O_NOFOLLOW | O_NONBLOCK</c> (so a link is refused
/// by the kernel, with no window between a check and the open, and a FIFO cannot block), <c>statx</c> on the open
/// descriptor (Linux: the file type of what was actually opened), <c>flock</c>, <c>fsync</c> (of a directory, which
/// .NET cannot open as a stream) and <c>posix_fadvise</c> (to drop the cached pages of a file being replaced).
/// </summary>
internal static partial class UnixFiles
{
    private const int ENOENT = 2;
    private const int ENOTDIR = 20; // the same on Linux, macOS and the BSDs
    private const int ENOSYS = 38;
    private const int LockExclusive = 2, LockNonBlocking = 4;

    // File type bits of st_mode (the same on every Unix).
    public const int TypeMask = 0xF000, Fifo = 0x1000, CharacterDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Link = 0xA000, Socket = 0xC000;

    /// <summary>
    /// Opens an existing entry read-only without blocking (a FIFO without a writer opens at once) and, unless
    /// <paramref name="followLinks"/>, without following a final symbolic link. Returns null when nothing has that
    /// name (also when a directory on the way is a file, as .NET's own opens treat it); throws
    /// <see cref="UnsafeFileException"/> for a link.
    /// </summary>
    public static SafeFileHandle? Open(string path, bool followLinks)
    {
        var flags = (followLinks ? 0 : Flags.NoFollow) | Flags.NonBlocking | Flags.CloseOnExec; // | O_RDONLY (0)
        var fd = open(path, flags);
        if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or ENOTDIR) return null;
        if (errno == Flags.LinkErrno || errno == Flags.LinkErrnoAlternative) throw new UnsafeFileException(path, "a symbolic link");
        throw new IOException($"Cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    /// <summary>The file type (<c>st_mode &amp; S_IFMT</c>) of an open descriptor, or null where <c>statx</c> is not available (not Linux, or an old kernel or libc).</summary>
    public static unsafe int? FileType(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux()) return null;
        const int EmptyPath = 0x1000; // AT_EMPTY_PATH: the descriptor itself
        const uint Wanted = 0x1; // STATX_TYPE
        var buffer = stackalloc byte[256]; // struct statx: the same layout on every Linux architecture
        int result;
        try
        {
            result = statx((int)handle.DangerousGetHandle(), "", EmptyPath, Wanted, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return null; // libc older than glibc 2.28 / musl 1.2.5
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == ENOSYS) return null;
            throw new IOException($"Cannot inspect an open file: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        return *(ushort*)(buffer + 28) & TypeMask; // stx_mode
    }

    /// <summary>Takes an exclusive advisory lock (the one .NET takes for <see cref="FileShare.None"/>); false when another process holds it.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle)
    {
        if (flock((int)handle.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Flags.WouldBlock) return false;
        throw new IOException($"Cannot lock: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    /// <summary>
    /// Tells the kernel (Linux: <c>posix_fadvise(POSIX_FADV_DONTNEED)</c>) that the cached pages of the regular
    /// file at <paramref name="path"/> will not be read again; it keeps the file and drops the pages it can. Advice
    /// only: nothing happens, and nothing is thrown, where the file is missing, is not a regular file or a link, or
    /// the call is not available.
    /// </summary>
    public static void ReleaseCachedPages(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        const int DontNeed = 4; // POSIX_FADV_DONTNEED on every Linux architecture .NET runs on
        try
        {
            using var handle = Open(path, followLinks: false);
            if (handle is null || FileType(handle) != Regular) return;
            // posix_fadvise returns its error rather than setting errno; advice that is refused changes nothing.
            _ = posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, DontNeed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EntryPointNotFoundException)
        {
            // UnsafeFileException (a link) is an IOException too: a link is not followed for advice either.
        }
    }

    /// <summary>Flushes an open descriptor (a directory's entries, for <see cref="DirectorySync"/>) to disk; false when the file system refuses.</summary>
    public static bool Sync(SafeFileHandle handle) => fsync(handle) == 0;

    /// <summary>The open(2) flags and errno values, which differ between kernels and, on Linux, architectures.</summary>
    private static class Flags
    {
        public static readonly int NoFollow, NonBlocking, CloseOnExec, LinkErrno, LinkErrnoAlternative, WouldBlock;

        static Flags()
        {
            if (OperatingSystem.IsLinux())
            {
                // asm-generic uses 0400000; arm, arm64 and powerpc define O_NOFOLLOW as 0100000.
                NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le
                    ? 0x8000
                    : 0x20000;
                NonBlocking = 0x800;
                CloseOnExec = 0x80000;
                LinkErrno = LinkErrnoAlternative = 40; // ELOOP
                WouldBlock = 11;
            }
            else
            {
                // macOS and the BSDs.
                NoFollow = 0x100;
                NonBlocking = 0x4;
                CloseOnExec = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x1000000 : 0x100000;
                LinkErrno = 62; // ELOOP
                LinkErrnoAlternative = 31; // EMLINK: FreeBSD's answer to O_NOFOLLOW on a link
                WouldBlock = 35;
            }
        }
    }

    // open(2) is variadic; the mode argument is left out because these flags never include O_CREAT.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int posix_fadvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(SafeFileHandle fd);
}
