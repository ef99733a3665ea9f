namespace Checkpoint.Storage;

/// <summary>
/// An object being written to the local disk: the bytes go to a temporary file in the target's directory
/// (<c>.name.tmp-&lt;guid&gt;</c>, the naming of <see cref="AtomicFile"/>); the commit flushes it to the disk
/// (fsync), renames it over the target and flushes the directory, so the object survives a power cut whole.
/// A killed writer leaves at most the temporary file, which is never listed and which
/// <see cref="AtomicFile.DeleteStaleTemporaryFiles"/> removes. This is the one durable writer of the local disk:
/// <see cref="AtomicFile"/>, every checkpoint file save and the manager's steps write through it.
/// </summary>
/// <remarks>
/// Unlike object stores' streams it can seek (<see cref="CanSeek"/>): formats that fill in a header after the data
/// it describes (the npz writer) need that, and a local file allows it before the commit.
/// </remarks>
public sealed class LocalWriteStream : StorageWriteStream
{
    private readonly ILocalFileSystem _fileSystem;
    private readonly string _path;
    private readonly string _temporary;
    private readonly IReadOnlyList<string> _createdDirectories;
    private readonly Stream _file;
    private bool _fileClosed;
    private long? _closedLength;

    internal LocalWriteStream(ILocalFileSystem fileSystem, string name, string path, StorageWriteOptions? options)
        : base(name, path, options)
    {
        _fileSystem = fileSystem;
        _path = path;
        if (Directory.Exists(path)) throw new CheckpointException($"Cannot write {path}: it is a directory.");
        if (!Overwrite && File.Exists(path)) throw AlreadyExists(path);
        // The file this one replaces stays on disk until the commit's rename, but what the system caches of it is of
        // no more use: dropped now, the new bytes go into memory just freed rather than memory the system must find
        // first, as a plain overwrite (which truncates first) gets. A 1 GiB save measured up to twice a raw
        // write's time without this (docs/performance.md, "In turns").
        if (Overwrite) fileSystem.ReleaseCachedPages(path);
        _createdDirectories = LocalPaths.CreateDirectories(fileSystem, Path.GetDirectoryName(path)!);
        _temporary = AtomicFile.TemporaryPathFor(path);
        _file = fileSystem.CreateFile(_temporary);
    }

    /// <summary>Seekable while writable: the bytes are in a local temporary file until the commit.</summary>
    public override bool CanSeek => CanWrite && _file.CanSeek;

    /// <summary>The length of the content written so far.</summary>
    public override long Length => !_fileClosed && _file.CanSeek ? _file.Length : _closedLength ?? BytesWritten;

    /// <summary>Where the next write goes; may be set back to patch bytes already written (before the commit).</summary>
    public override long Position
    {
        get => !_fileClosed && _file.CanSeek ? _file.Position : Length;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>The temporary file holding the content until the commit.</summary>
    internal string TemporaryPath => _temporary;

    /// <summary>Moves the write position within the content written so far (before the commit).</summary>
    public override long Seek(long offset, SeekOrigin origin)
    {
        if (!CanSeek) throw new NotSupportedException($"{Location} can no longer be changed.");
        return _file.Seek(offset, origin);
    }

    /// <summary>A stream for the plain file <paramref name="fullPath"/> (outside any storage root): <see cref="AtomicFile"/>'s writes.</summary>
    internal static LocalWriteStream ForFile(ILocalFileSystem fileSystem, string fullPath, StorageWriteOptions? options) =>
        new(fileSystem, Path.GetFileName(fullPath), fullPath, options);

    /// <summary>Writes buffered bytes to the temporary file (so it can be read back before the commit).</summary>
    internal void FlushBuffers() => _file.Flush();

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
        var length = Length;
        _closedLength = length;
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
        return new StorageObjectInfo(Name, length, File.GetLastWriteTimeUtc(_path), null);
    }

    private void CloseFile()
    {
        if (_fileClosed) return;
        _fileClosed = true;
        _file.Dispose();
    }
}
