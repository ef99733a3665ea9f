using System.Runtime.CompilerServices;

namespace Checkpoint.Storage;

/// <summary>
/// A staged prefix on the local disk: objects are written (each atomically, as everywhere) into the hidden
/// directory <c>.tmp-&lt;last segment&gt;-&lt;staging id&gt;</c> next to the prefix; the commit writes the marker there,
/// flushes the directory and renames it to the prefix, so the whole prefix appears at once. An existing prefix
/// is first renamed to <c>.old-&lt;last segment&gt;-&lt;guid&gt;</c> (put back if the second rename fails) and
/// deleted after the commit. These are the names and steps of the manager's step commit (docs/manager.md).
/// </summary>
public sealed class LocalStagedPrefix : StagedPrefix, IDisposable
{
    private readonly ILocalFileSystem _fileSystem;
    private readonly LocalFileStorage _staging;
    private readonly string _final;

    internal LocalStagedPrefix(ILocalFileSystem fileSystem, string prefix, string markerName, string stagingId, bool joined, string finalPath)
        : base(prefix, markerName, stagingId, joined)
    {
        _fileSystem = fileSystem;
        _final = finalPath;
        if (File.Exists(finalPath)) throw new CheckpointException($"Cannot stage {finalPath}: an object of that name exists (a prefix must be a directory).");
        var parent = Path.GetDirectoryName(finalPath)!;
        StagingPath = Path.Combine(parent, StagingName(Path.GetFileName(finalPath), stagingId));
        // A participant joins a staging its creator made; one that is gone was abandoned (or committed), and
        // recreating it would leave orphans.
        if (joined && !Directory.Exists(StagingPath))
            throw new CheckpointException($"Cannot join the staging {stagingId} of {finalPath}: it no longer exists (it was abandoned or already committed).");
        LocalPaths.CreateDirectories(fileSystem, StagingPath);
        _staging = new LocalFileStorage(StagingPath, fileSystem);
    }

    /// <summary>The hidden directory the objects are staged in.</summary>
    public string StagingPath { get; }

    /// <summary>The name of the staging directory for a prefix whose last segment is <paramref name="lastSegment"/>.</summary>
    public static string StagingName(string lastSegment, string stagingId) => LocalStagingNames.Staging(lastSegment, stagingId);

    /// <summary>Creates an object of the staging (synchronous form of <see cref="StagedPrefix.CreateAsync"/>).</summary>
    public LocalWriteStream Create(string relativeName, StorageWriteOptions? options = null) =>
        (LocalWriteStream)CreateAsync(relativeName, options).GetAwaiter().GetResult();

    /// <summary>Writes the marker and publishes the prefix (synchronous form of <see cref="StagedPrefix.CommitAsync"/>).</summary>
    public void Commit(ReadOnlySpan<byte> marker, CancellationToken cancellationToken = default) =>
        CommitAsync(marker.ToArray(), cancellationToken).GetAwaiter().GetResult();

    /// <summary>Abandons the staging unless it was committed or joined (synchronous form of <see cref="StagedPrefix.DisposeAsync"/>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override Task<StorageWriteStream> CreateCoreAsync(string relativeName, StorageWriteOptions? options, CancellationToken cancellationToken) =>
        Task.FromResult<StorageWriteStream>(_staging.Create(relativeName, options));

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StorageObjectInfo> ListCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _staging.ListAsync("", cancellationToken).ConfigureAwait(false))
        {
            if (item.Name != MarkerName) yield return item;
        }
    }

    /// <inheritdoc />
    protected override Task CommitCoreAsync(ReadOnlyMemory<byte> marker, CancellationToken cancellationToken)
    {
        using (var stream = _staging.Create(MarkerName))
        {
            stream.Write(marker.Span);
            stream.Commit(cancellationToken);
        }

        _fileSystem.SyncDirectory(StagingPath);
        cancellationToken.ThrowIfCancellationRequested();
        Publish();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task AbortCoreAsync()
    {
        LocalPaths.DeleteTree(_fileSystem, StagingPath);
        return Task.CompletedTask;
    }

    private void Publish()
    {
        var parent = Path.GetDirectoryName(_final)!;
        string? old = null;
        if (Directory.Exists(_final))
        {
            old = Path.Combine(parent, LocalStagingNames.Replaced(Path.GetFileName(_final)));
            _fileSystem.MoveDirectory(_final, old);
        }

        try
        {
            _fileSystem.MoveDirectory(StagingPath, _final);
        }
        catch when (old is not null)
        {
            // Put the previous version back so the prefix does not vanish.
            _fileSystem.MoveDirectory(old, _final);
            throw;
        }

        _fileSystem.SyncDirectory(parent);
        if (old is not null) LocalPaths.DeleteTree(_fileSystem, old);
    }
}
