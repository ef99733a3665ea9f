using Checkpoint.Storage;

namespace Checkpoint.Management;

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

    public void SyncDirectory(string path) => DirectorySync.Flush(path);
}
