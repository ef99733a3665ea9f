namespace Checkpoint.Management;

/// <summary>
/// Every file-system write the manager makes goes through this layer, so tests can make it fail (a full disk
/// after N bytes) and check that nothing partial is left behind. The one exception is the empty <c>.lock</c>,
/// which <see cref="DirectoryLock"/> creates exclusively and never writes (reads go through
/// <see cref="Storage.SafeFile"/>).
/// </summary>
internal interface IManagerFileSystem
{
    /// <summary>Creates a directory (and missing parents).</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    Stream CreateFile(string path);

    /// <summary>Flushes a stream from <see cref="CreateFile"/> to the disk (fsync).</summary>
    void FlushToDisk(Stream stream);

    /// <summary>Renames a file, replacing the destination.</summary>
    void MoveFile(string source, string destination);

    /// <summary>Renames a directory; the destination must not exist.</summary>
    void MoveDirectory(string source, string destination);

    /// <summary>Deletes a file or a symbolic link (never its target).</summary>
    void DeleteFile(string path);

    /// <summary>Deletes an empty directory.</summary>
    void DeleteDirectory(string path);

    /// <summary>Flushes a directory's entries (the renames in it) to the disk.</summary>
    void SyncDirectory(string path);
}
