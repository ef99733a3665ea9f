using System.Runtime.CompilerServices;

namespace Checkpoint.Storage;

/// <summary>
/// The default storage: objects are files under <see cref="Root"/> (<c>step_1/model.msgpack</c> is
/// <c>Root/step_1/model.msgpack</c>), with today's guarantees: a write goes to a temporary file in the same
/// directory, is flushed to the disk (fsync), renamed over the target, and the directory is flushed too; a
/// staged prefix is published by renaming its directory. Synchronous forms of the writing methods serve the
/// synchronous API (<see cref="Create"/>, <see cref="Write"/>, <see cref="StagePrefix"/>, <see cref="AcquireLock"/>, <see cref="OpenReader"/>).
/// </summary>
/// <remarks>
/// Listing skips temporary files and staging directories, and never follows symbolic links (they are not
/// objects); deleting a prefix unlinks links without touching their targets. A name cannot be both an object
/// and a prefix here (a file and a directory cannot share a path), unlike on object stores.
/// </remarks>
public sealed class LocalFileStorage : ObjectStorage
{
    private readonly ILocalFileSystem _fileSystem;

    /// <summary>A storage rooted at the directory <paramref name="root"/> (created on the first write).</summary>
    public LocalFileStorage(string root)
        : this(root, PhysicalLocalFileSystem.Instance)
    {
    }

    internal LocalFileStorage(string root, ILocalFileSystem fileSystem)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _fileSystem = fileSystem;
    }

    /// <summary>The full path of the root directory.</summary>
    public string Root { get; }

    /// <summary>The root directory's path.</summary>
    public override string Location => Root;

    /// <summary>True: a staged prefix appears at once, by a directory rename.</summary>
    public override bool PublishesPrefixesAtomically => true;

    /// <summary>The file path of the object <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public string PathOf(string name) => Path.Combine(Root, StorageNames.Validate(name).Replace(StorageNames.Separator, Path.DirectorySeparatorChar));

    /// <summary>Creates the root directory (and missing parents).</summary>
    public override Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        LocalPaths.CreateDirectories(_fileSystem, Root);
        return Task.CompletedTask;
    }

    /// <summary>Starts writing an object (synchronous form of <see cref="ObjectStorage.CreateAsync"/>).</summary>
    /// <exception cref="CheckpointException">The object exists and overwriting is not allowed, or its path is a directory.</exception>
    public LocalWriteStream Create(string name, StorageWriteOptions? options = null) => new(_fileSystem, name, PathOf(name), options);

    /// <summary>Writes an object with <paramref name="write"/> and commits it (synchronous form of <see cref="ObjectStorage.WriteAsync(string, Func{Stream, CancellationToken, Task}, StorageWriteOptions?, CancellationToken)"/>); nothing is left if it throws.</summary>
    public StorageObjectInfo Write(string name, Action<Stream> write, StorageWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = Create(name, options);
        write(stream);
        return stream.Commit(cancellationToken);
    }

    /// <summary>Opens an object for ranged reads (synchronous form of <see cref="ObjectStorage.OpenReaderAsync"/>).</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="IOException">The object, or a directory on its way below the root, is a symbolic link, or the object is not a regular file.</exception>
    public StorageObjectReader OpenReader(string name)
    {
        var path = PathOf(name);
        LocalPaths.ThrowIfLinkedDirectory(Root, path);
        return LocalObjectReader.Open(name, path, e => NotFound(name, e));
    }

    /// <summary>Stages a prefix (synchronous form of <see cref="ObjectStorage.StagePrefixAsync"/>).</summary>
    public LocalStagedPrefix StagePrefix(string prefix, string markerName, StagingOptions? options = null) =>
        (LocalStagedPrefix)StagePrefixAsync(prefix, markerName, options).GetAwaiter().GetResult();

    /// <summary>Takes a lock (synchronous form of <see cref="ObjectStorage.AcquireLockAsync"/>).</summary>
    /// <exception cref="StorageLockedException">Another process (or another handle in this one) holds it.</exception>
    public LocalFileLock AcquireLock(string name, StorageLockOptions? options = null) =>
        LocalFileLock.Acquire(_fileSystem, name, PathOf(name), options ?? StorageLockOptions.Default);

    /// <inheritdoc />
    protected override string LocationOfCore(string name) => PathOf(name);

    /// <inheritdoc />
    protected override Task<StorageWriteStream> CreateCoreAsync(string name, StorageWriteOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<StorageWriteStream>(Create(name, options));

    /// <inheritdoc />
    protected override Task<StorageObjectInfo?> GetInfoCoreAsync(string name, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(name));
        return Task.FromResult(file.Exists && !LocalPaths.IsLink(file) && LocalPaths.LinkedDirectory(Root, file.FullName) is null ? Info(name, file) : null);
    }

    /// <inheritdoc />
    protected override Task<Stream> OpenReadCoreAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        LocalPaths.ThrowIfLinkedDirectory(Root, path);
        try
        {
            // Never through a link, only a regular file (a FIFO would block): storage roots may be shared.
            var handle = SafeFile.TryOpenRead(path) ?? throw new FileNotFoundException($"Could not find file '{path}'.", path);
            return Task.FromResult<Stream>(new FileStream(handle, FileAccess.Read, 1 << 16));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw NotFound(name, e);
        }
    }

    /// <inheritdoc />
    protected override Task<StorageObjectReader> OpenReaderCoreAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(OpenReader(name));

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var item in Walk(DirectoryOf(prefix), prefix, cancellationToken)) yield return item;
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> ListPrefixesCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var directory = new DirectoryInfo(DirectoryOf(prefix));
        if (!directory.Exists || LocalPaths.IsLink(directory)) yield break;
        foreach (var child in directory.EnumerateDirectories("*", LocalPaths.Everything))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LocalPaths.IsLink(child) || StorageNames.IsReservedSegment(child.Name)) continue;
            yield return StorageNames.Join(prefix, child.Name);
        }
    }

    /// <inheritdoc />
    protected override Task<bool> DeleteCoreAsync(string name, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(name));
        if (!file.Exists && !LocalPaths.IsLink(file)) return Task.FromResult(false);
        _fileSystem.DeleteFile(file.FullName);
        _fileSystem.SyncDirectory(file.DirectoryName!);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    protected override Task<int> DeletePrefixCoreAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = DirectoryOf(prefix);
        if (!Directory.Exists(path)) return Task.FromResult(0);

        // Renamed out of sight first, so nobody lists a half-deleted prefix; a crash leaves a reserved name that is never listed.
        var parent = Path.GetDirectoryName(path)!;
        var doomed = Path.Combine(parent, LocalStagingNames.Deleted(Path.GetFileName(path)));
        _fileSystem.MoveDirectory(path, doomed);
        _fileSystem.SyncDirectory(parent);
        return Task.FromResult(LocalPaths.DeleteTree(_fileSystem, doomed));
    }

    /// <summary>The directory is renamed out of sight, then deleted: the marker needs no special order here.</summary>
    protected override Task<int> DeletePublishedPrefixCoreAsync(string prefix, string markerName, CancellationToken cancellationToken) =>
        DeletePrefixCoreAsync(prefix, cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<StagingRecovery>> RecoverStagingsCoreAsync(string parentPrefix, Func<string, bool> owns, CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(DirectoryOf(parentPrefix));
        var done = new List<StagingRecovery>();
        if (!directory.Exists || LocalPaths.IsLink(directory)) return Task.FromResult<IReadOnlyList<StagingRecovery>>(done);
        var replaced = new List<(string Segment, FileSystemInfo Entry)>();
        foreach (var entry in directory.EnumerateFileSystemInfos("*", LocalPaths.Everything))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LocalStagingNames.Parse(entry.Name) is not { } leftover || !owns(leftover.Segment)) continue;
            if (leftover.Kind == StagingRecoveryKind.ReplacedVersionRestored)
            {
                replaced.Add((leftover.Segment, entry));
                continue;
            }

            // Links are unlinked, never followed.
            LocalPaths.DeleteTree(_fileSystem, entry.FullName);
            done.Add(new StagingRecovery(leftover.Kind, StorageNames.Join(parentPrefix, leftover.Segment), entry.FullName));
        }

        foreach (var (segment, entry) in replaced)
        {
            // The previous version of a prefix being replaced: obsolete once the new one is published; otherwise the
            // writer was killed between the two renames and it is still the committed version, so it goes back.
            var final = Path.Combine(directory.FullName, segment);
            var prefix = StorageNames.Join(parentPrefix, segment);
            if (SafeFile.EntryExists(final) || LocalPaths.IsLink(entry))
            {
                LocalPaths.DeleteTree(_fileSystem, entry.FullName);
                done.Add(new StagingRecovery(StagingRecoveryKind.ReplacedVersionRemoved, prefix, entry.FullName));
            }
            else
            {
                _fileSystem.MoveDirectory(entry.FullName, final);
                done.Add(new StagingRecovery(StagingRecoveryKind.ReplacedVersionRestored, prefix, final));
            }
        }

        if (done.Count > 0) _fileSystem.SyncDirectory(directory.FullName);
        return Task.FromResult<IReadOnlyList<StagingRecovery>>(done);
    }

    /// <inheritdoc />
    protected override Task<StagedPrefix> StagePrefixCoreAsync(string prefix, string markerName, string stagingId, bool joining, CancellationToken cancellationToken) =>
        Task.FromResult<StagedPrefix>(new LocalStagedPrefix(_fileSystem, prefix, markerName, stagingId, joining, PathOf(prefix)));

    /// <inheritdoc />
    protected override Task<StorageLock> AcquireLockCoreAsync(string name, StorageLockOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<StorageLock>(AcquireLock(name, options));

    private static StorageObjectInfo Info(string name, FileInfo file) => new(name, file.Length, file.LastWriteTimeUtc, null);

    private string DirectoryOf(string prefix) => prefix.Length == 0 ? Root : PathOf(prefix);

    // Depth first; links, temporary files and staging directories are not objects.
    private static IEnumerable<StorageObjectInfo> Walk(string path, string prefix, CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists || LocalPaths.IsLink(directory)) yield break;
        foreach (var entry in directory.EnumerateFileSystemInfos("*", LocalPaths.Everything))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LocalPaths.IsLink(entry) || StorageNames.IsReservedSegment(entry.Name)) continue;
            var name = StorageNames.Join(prefix, entry.Name);
            if (entry is FileInfo file) yield return Info(name, file);
            else foreach (var item in Walk(entry.FullName, name, cancellationToken)) yield return item;
        }
    }
}
