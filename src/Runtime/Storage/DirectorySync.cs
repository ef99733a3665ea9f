using System.Runtime.InteropServices;

namespace Checkpoint.Storage;

/// <summary>Flushes a directory's entries to disk, so renames into it survive a power cut.</summary>
internal static class DirectorySync
{
    // A rename lives in the directory; without flushing it a power cut can lose the new name even though the
    // data is on disk. Windows has no directory handles to flush (NTFS journals the rename), so it is skipped.
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            var fd = Native.open(directory, 0 /* O_RDONLY */);
            if (fd < 0) return; // best effort: the data itself is already on disk
            try
            {
                _ = Native.fsync(fd);
            }
            finally
            {
                _ = Native.close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A platform without a "libc" library name: the data is on disk; only the rename's durability is weaker.
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
