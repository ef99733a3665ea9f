namespace Checkpoint.Storage;

/// <summary>
/// Every change <see cref="LocalFileStorage"/> makes to the disk goes through this layer, so tests can make it
/// fail (a full disk after N bytes) and check that nothing partial is left behind.
/// </summary>
internal interface ILocalFileSystem
{
    /// <summary>Creates a directory (and missing parents).</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    Stream CreateFile(string path);

    /// <summary>Flushes a stream from <see cref="CreateFile"/> to the disk (fsync).</summary>
    void FlushToDisk(Stream stream);

    /// <summary>Renames a file; with <paramref name="overwrite"/> false it fails if the destination exists (atomically).</summary>
    void MoveFile(string source, string destination, bool overwrite);

    /// <summary>Renames a directory; the destination must not exist.</summary>
    void MoveDirectory(string source, string destination);

    /// <summary>Deletes a file or a symbolic link (never its target).</summary>
    void DeleteFile(string path);

    /// <summary>Deletes an empty directory.</summary>
    void DeleteDirectory(string path);

    /// <summary>Flushes a directory's entries (the renames in it) to the disk.</summary>
    void SyncDirectory(string path);

    /// <summary>
    /// Drops what the system caches of the file at <paramref name="path"/>, which a write is about to replace (best
    /// effort, never throws; see <see cref="UnixFiles.ReleaseCachedPages"/>).
    /// </summary>
    void ReleaseCachedPages(string path) => UnixFiles.ReleaseCachedPages(path);
}

/// <summary>The real file system (the manager's <c>PhysicalManagerFileSystem</c> is this one too).</summary>
internal class PhysicalLocalFileSystem : ILocalFileSystem
{
    private const int BufferSize = 1 << 20;

    protected PhysicalLocalFileSystem()
    {
    }

    public static PhysicalLocalFileSystem Instance { get; } = new();

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public Stream CreateFile(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.None);

    public void FlushToDisk(Stream stream)
    {
        if (stream is FileStream file) file.Flush(flushToDisk: true);
        else stream.Flush();
    }

    public void MoveFile(string source, string destination, bool overwrite) => File.Move(source, destination, overwrite);

    public void MoveDirectory(string source, string destination) => Directory.Move(source, destination);

    public void DeleteFile(string path) => File.Delete(path);

    public void DeleteDirectory(string path) => Directory.Delete(path, recursive: false);

    public void SyncDirectory(string path) => DirectorySync.Flush(path);
}
