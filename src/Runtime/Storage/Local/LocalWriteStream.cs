namespace Checkpoint.Storage;

/// <summary>
/// An object being written to the local disk: the bytes go to a temporary file in the target's directory
/// (<c>.name.tmp-&lt;guid&gt;</c>, the naming of <see cref="AtomicFile"/>); the commit flushes it to the disk
/// (fsync), renames it over the target and flushes the directory, so the object survives a power cut whole.
/// A killed writer leaves at most the temporary file, which is never listed and which
/// <see cref="AtomicFile.DeleteStaleTemporaryFiles"/> removes.
/// </summary>
public sealed class LocalWriteStream : StorageWriteStream
{
    private readonly ILocalFileSystem _fileSystem;
    private readonly string _path;
    private readonly string _temporary;
    private readonly IReadOnlyList<string> _createdDirectories;
    private readonly Stream _file;
    private bool _fileClosed;

    internal LocalWriteStream(ILocalFileSystem fileSystem, string name, string path, StorageWriteOptions? options)
        : base(name, path, options)
    {
        _fileSystem = fileSystem;
        _path = path;
        if (Directory.Exists(path)) throw new CheckpointException($"Cannot write {path}: it is a directory.");
        if (!Overwrite && File.Exists(path)) throw AlreadyExists(path);
        _createdDirectories = LocalPaths.CreateDirectories(fileSystem, Path.GetDirectoryName(path)!);
        _temporary = AtomicFile.TemporaryPathFor(path);
        _file = fileSystem.CreateFile(_temporary);
    }

    /// <summary>The synchronous form of <see cref="StorageWriteStream.CommitAsync"/>: fsync, rename over the target, fsync the directory.</summary>
    /// <param name="cancellationToken">Checked before the rename; a cancelled commit publishes nothing.</param>
    /// <exception cref="CheckpointException">The target exists and overwriting was not allowed.</exception>
    public StorageObjectInfo Commit(CancellationToken cancellationToken = default) => CommitSynchronously(() => Publish(cancellationToken));

    /// <inheritdoc />
    protected override void WriteCore(ReadOnlySpan<byte> buffer)
    {
        _file.Write(buffer);
        OnStored(buffer.Length);
    }

    /// <inheritdoc />
    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        OnStored(buffer.Length);
    }

    /// <inheritdoc />
    protected override async Task<StorageObjectInfo> CommitCoreAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Publish(cancellationToken);
    }

    /// <inheritdoc />
    protected override ValueTask AbortCoreAsync()
    {
        CloseFile();
        _fileSystem.DeleteFile(_temporary);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override void ReleaseResources() => CloseFile();

    private StorageObjectInfo Publish(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _file.Flush();
        _fileSystem.FlushToDisk(_file);
        CloseFile();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _fileSystem.MoveFile(_temporary, _path, Overwrite);
        }
        catch (IOException) when (!Overwrite && File.Exists(_path))
        {
            // Another writer created the target after this one started: create-only means it stays theirs.
            throw AlreadyExists(_path);
        }

        // The rename lives in the directory, and a new directory lives in its parent: flush each so they survive a power cut.
        _fileSystem.SyncDirectory(Path.GetDirectoryName(_path)!);
        foreach (var created in _createdDirectories) _fileSystem.SyncDirectory(Path.GetDirectoryName(created)!);
        return new StorageObjectInfo(Name, BytesWritten, File.GetLastWriteTimeUtc(_path), null);
    }

    private void CloseFile()
    {
        if (_fileClosed) return;
        _fileClosed = true;
        _file.Dispose();
    }
}
