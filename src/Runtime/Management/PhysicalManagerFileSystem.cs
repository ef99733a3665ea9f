using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>The real file system.</summary>
internal sealed class PhysicalManagerFileSystem : IManagerFileSystem
{
    private const int BufferSize = 1 << 20;

    public static PhysicalManagerFileSystem Instance { get; } = new();

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public Stream CreateFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.None);

    public void FlushToDisk(Stream stream)
    {
        if (stream is FileStream file) file.Flush(flushToDisk: true);
        else stream.Flush();
    }

    public void MoveFile(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void MoveDirectory(string source, string destination) => Directory.Move(source, destination);

    public void DeleteFile(string path) => File.Delete(path);

    public void DeleteDirectory(string path) => Directory.Delete(path, recursive: false);

    // A rename lives in the directory; without flushing it a power cut can lose the new name although the data
    // is on disk. Windows has no directory handle to flush (NTFS journals renames), so it is skipped there.
    public void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            var fd = Native.open(path, 0 /* O_RDONLY */);
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
            // No "libc" on this platform: only the durability of the rename is weaker.
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
