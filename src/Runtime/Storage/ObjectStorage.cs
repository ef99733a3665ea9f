using System.Runtime.CompilerServices;

namespace Checkpoint.Storage;

/// <summary>
/// Where checkpoints live: named objects (<c>'/'</c>-separated relative names, see <see cref="StorageNames"/>)
/// that are written whole or not at all, read whole or by byte range, listed by prefix and deleted; plus a
/// staged prefix published as a whole (<see cref="StagePrefixAsync"/>) and a lock (<see cref="AcquireLockAsync"/>).
/// The local file system (<see cref="LocalFileStorage"/>) is the default; the packages Checkpoint.Azure and
/// Checkpoint.S3 add Azure Blob Storage and Amazon S3. docs/storage.md describes the guarantees of each.
/// </summary>
/// <remarks>
/// Every public method checks its names here, once, before the backend sees them; a backend implements the
/// protected <c>...Core</c> methods. Objects whose names are not valid (written by other tools) are not listed.
/// </remarks>
public abstract class ObjectStorage
{
    /// <summary>The storage's location for messages and logs (<c>file:///data/ckpt</c>, <c>azure://account/container/prefix</c>, <c>s3://bucket/prefix</c>).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Whether <see cref="StagePrefixAsync"/> publishes a prefix as a whole (a directory rename on the local disk).
    /// When false (object stores) a prefix counts as committed only once its marker exists; readers must check it.
    /// </summary>
    public virtual bool PublishesPrefixesAtomically => false;

    /// <summary>The full location of the object <paramref name="name"/>, for messages.</summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public string LocationOf(string name) => LocationOfCore(StorageNames.Validate(name));

    /// <summary>
    /// Starts writing the object <paramref name="name"/>: nothing is visible until the returned stream's
    /// <see cref="StorageWriteStream.CommitAsync"/>, and disposing it without a commit leaves nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public Task<StorageWriteStream> CreateAsync(string name, StorageWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        cancellationToken.ThrowIfCancellationRequested();
        return CreateCoreAsync(name, options ?? StorageWriteOptions.Default, cancellationToken);
    }

    /// <summary>Writes the object <paramref name="name"/> with <paramref name="write"/> and commits it; nothing is left if <paramref name="write"/> throws or the token is cancelled.</summary>
    /// <param name="name">The object's name.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="options">Overwrite and progress.</param>
    /// <param name="cancellationToken">Passed to <paramref name="write"/> and the commit.</param>
    /// <returns>The committed object.</returns>
    public async Task<StorageObjectInfo> WriteAsync(
        string name, Func<Stream, CancellationToken, Task> write, StorageWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var stream = await CreateAsync(name, options, cancellationToken).ConfigureAwait(false);
        return await WriteAndCommitAsync(stream, write, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a small object from memory and commits it.</summary>
    public Task<StorageObjectInfo> WriteAsync(string name, ReadOnlyMemory<byte> content, StorageWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(name, (stream, token) => stream.WriteAsync(content, token).AsTask(), options, cancellationToken);

    /// <summary>What is known about the object <paramref name="name"/>, or null when it does not exist.</summary>
    public Task<StorageObjectInfo?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        return GetInfoCoreAsync(name, cancellationToken);
    }

    /// <summary>The size of the object <paramref name="name"/> in bytes.</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    public async Task<long> GetSizeAsync(string name, CancellationToken cancellationToken = default) =>
        (await GetInfoAsync(name, cancellationToken).ConfigureAwait(false))?.Length ?? throw NotFound(name);

    /// <summary>Opens the object <paramref name="name"/> for reading from start to end (seekable only on the local disk).</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        return OpenReadCoreAsync(name, cancellationToken);
    }

    /// <summary>Opens the object <paramref name="name"/> for reads of byte ranges (lazy tensor loads), pinned to its current version.</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    public Task<StorageObjectReader> OpenReaderAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        return OpenReaderCoreAsync(name, cancellationToken);
    }

    /// <summary>Reads exactly <c>destination.Length</c> bytes of the object <paramref name="name"/> from <paramref name="offset"/>.</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the object.</exception>
    public async Task ReadRangeAsync(string name, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var reader = await OpenReaderAsync(name, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(offset, destination, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the object <paramref name="name"/> into <paramref name="destination"/>, reporting the bytes copied so far.</summary>
    /// <returns>The number of bytes copied.</returns>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    public async Task<long> DownloadAsync(string name, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var source = await OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 20];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
                progress?.Report(total);
            }

            return total;
        }
    }

    /// <summary>Every committed object under <paramref name="prefix"/> (all of them for the empty prefix), at any depth, in no particular order.</summary>
    /// <param name="prefix">A name whose descendants are listed (<c>step_1</c> lists <c>step_1/…</c>, not <c>step_10</c>), or empty.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public async IAsyncEnumerable<StorageObjectInfo> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StorageNames.ValidatePrefix(prefix);
        await foreach (var item in ListCoreAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (StorageNames.IsValid(item.Name) && StorageNames.IsUnder(item.Name, prefix)) yield return item;
        }
    }

    /// <summary>
    /// The names directly below <paramref name="prefix"/> that have objects under them (<c>step_1</c>, <c>step_2</c>
    /// for the root of a manager), in no particular order. On the local disk an empty directory may be listed too.
    /// </summary>
    public async IAsyncEnumerable<string> ListPrefixesAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StorageNames.ValidatePrefix(prefix);
        await foreach (var name in ListPrefixesCoreAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (StorageNames.IsValid(name) && StorageNames.IsUnder(name, prefix)) yield return name;
        }
    }

    /// <summary>Deletes the object <paramref name="name"/>; false when there was none.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        return DeleteCoreAsync(name, cancellationToken);
    }

    /// <summary>Deletes every object under <paramref name="prefix"/> (not the prefix <c>step_10</c> when deleting <c>step_1</c>); returns how many.</summary>
    /// <exception cref="ArgumentException">The prefix is empty or invalid (deleting a whole storage is not offered).</exception>
    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(prefix, nameof(prefix));
        return DeletePrefixCoreAsync(prefix, cancellationToken);
    }

    /// <summary>
    /// Deletes a prefix published by a staging (a checkpoint step) so that it stops counting as committed at once:
    /// on object stores the marker goes first, then the other objects (a kill in between leaves objects without a
    /// marker: uncommitted, never a damaged prefix); on the local disk the directory is renamed out of sight first.
    /// </summary>
    /// <returns>How many objects were deleted.</returns>
    /// <exception cref="ArgumentException">The prefix or the marker's name is invalid.</exception>
    public Task<int> DeletePublishedPrefixAsync(string prefix, string markerName, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(prefix, nameof(prefix));
        StorageNames.Validate(markerName, nameof(markerName));
        return DeletePublishedPrefixCoreAsync(prefix, markerName, cancellationToken);
    }

    /// <summary>
    /// Finishes or undoes what interrupted stagings, replacements and deletions left directly under
    /// <paramref name="parentPrefix"/>, for the prefixes whose last segment <paramref name="owns"/> accepts (say,
    /// <c>step_*</c>). On the local disk: staging directories and interrupted deletions are removed, and the previous
    /// version of a replaced prefix is deleted, or put back when the new one never arrived. Object stores keep no
    /// such leftovers (an uncommitted prefix is one without its marker; the caller decides what to do with it).
    /// Call it only while holding the lock that keeps every other writer out (a manager does when it opens).
    /// </summary>
    /// <returns>What was done, for the caller's log.</returns>
    public Task<IReadOnlyList<StagingRecovery>> RecoverStagingsAsync(string parentPrefix, Func<string, bool> owns, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidatePrefix(parentPrefix, nameof(parentPrefix));
        ArgumentNullException.ThrowIfNull(owns);
        return RecoverStagingsCoreAsync(parentPrefix, owns, cancellationToken);
    }

    /// <summary>
    /// Stages objects under <paramref name="prefix"/> to publish them as a whole with a commit marker written last
    /// (a checkpoint step and its manifest). See <see cref="StagedPrefix"/> for the protocol on each kind of backend.
    /// </summary>
    /// <param name="prefix">Where the objects are published.</param>
    /// <param name="markerName">The marker's name relative to the prefix (<c>manifest.json</c>).</param>
    /// <param name="options">A staging id to join another process's staging; null for a new staging.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    public async Task<StagedPrefix> StagePrefixAsync(string prefix, string markerName, StagingOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(prefix, nameof(prefix));
        StorageNames.Validate(markerName, nameof(markerName));
        var joining = options?.StagingId is not null;
        var id = joining ? StagedPrefix.ValidateStagingId(options!.StagingId!) : Guid.NewGuid().ToString("N");
        return await StagePrefixCoreAsync(prefix, markerName, id, joining, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the lock <paramref name="name"/> (a lock file, a blob lease, a lock object), or throws if someone holds it.</summary>
    /// <exception cref="StorageLockedException">Another holder has it; the message names the holder when known.</exception>
    public Task<StorageLock> AcquireLockAsync(string name, StorageLockOptions? options = null, CancellationToken cancellationToken = default)
    {
        StorageNames.Validate(name);
        return AcquireLockCoreAsync(name, options ?? StorageLockOptions.Default, cancellationToken);
    }

    /// <summary>
    /// Creates what must exist before the first write (the directory, the container, the bucket); does nothing when it
    /// exists. Writes do not need it on the local disk (directories are created as needed); object stores do.
    /// </summary>
    /// <exception cref="CheckpointException">The backend refused (no permission, a name taken by someone else).</exception>
    public virtual Task PrepareAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Writes through <paramref name="stream"/> and commits it; disposing aborts when anything fails.</summary>
    internal static async Task<StorageObjectInfo> WriteAndCommitAsync(StorageWriteStream stream, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            await write(stream, cancellationToken).ConfigureAwait(false);
            return await stream.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The full location of a valid name.</summary>
    protected abstract string LocationOfCore(string name);

    /// <summary>Starts writing a valid name.</summary>
    protected abstract Task<StorageWriteStream> CreateCoreAsync(string name, StorageWriteOptions options, CancellationToken cancellationToken);

    /// <summary>The object's information, or null when it does not exist.</summary>
    protected abstract Task<StorageObjectInfo?> GetInfoCoreAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens the whole object; throws <see cref="CheckpointNotFoundException"/> when it does not exist.</summary>
    protected abstract Task<Stream> OpenReadCoreAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens the object for ranged reads; throws <see cref="CheckpointNotFoundException"/> when it does not exist.</summary>
    protected abstract Task<StorageObjectReader> OpenReaderCoreAsync(string name, CancellationToken cancellationToken);

    /// <summary>Lists objects under a valid prefix (the base class drops invalid names).</summary>
    protected abstract IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Lists the names directly below a valid prefix that have objects (the base class drops invalid names).</summary>
    protected abstract IAsyncEnumerable<string> ListPrefixesCoreAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object; false when there was none.</summary>
    protected abstract Task<bool> DeleteCoreAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes everything under a valid, non-empty prefix. The default lists and deletes one object at a time.</summary>
    protected virtual async Task<int> DeletePrefixCoreAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in ListAsync(prefix, cancellationToken).ConfigureAwait(false)) names.Add(item.Name);
        var deleted = 0;
        foreach (var name in names)
        {
            if (await DeleteCoreAsync(name, cancellationToken).ConfigureAwait(false)) deleted++;
        }

        return deleted;
    }

    /// <summary>Deletes a published prefix; the default deletes the marker first, then everything else under the prefix.</summary>
    protected virtual async Task<int> DeletePublishedPrefixCoreAsync(string prefix, string markerName, CancellationToken cancellationToken)
    {
        var marker = await DeleteCoreAsync(StorageNames.Join(prefix, markerName), cancellationToken).ConfigureAwait(false) ? 1 : 0;
        return marker + await DeletePrefixCoreAsync(prefix, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cleans up leftovers of interrupted stagings; the default (object stores) has none to clean.</summary>
    protected virtual Task<IReadOnlyList<StagingRecovery>> RecoverStagingsCoreAsync(string parentPrefix, Func<string, bool> owns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StagingRecovery>>([]);

    /// <summary>
    /// Opens a staging. The default is the object-store protocol: objects under the prefix itself, the marker
    /// last; a new staging (not <paramref name="joining"/>) first deletes the old marker, then the old objects.
    /// </summary>
    protected virtual async Task<StagedPrefix> StagePrefixCoreAsync(string prefix, string markerName, string stagingId, bool joining, CancellationToken cancellationToken)
    {
        var staged = new MarkerStagedPrefix(this, prefix, markerName, stagingId, joining);
        if (!joining) await staged.ClearAsync(cancellationToken).ConfigureAwait(false);
        return staged;
    }

    /// <summary>Takes a lock on a valid name.</summary>
    protected abstract Task<StorageLock> AcquireLockCoreAsync(string name, StorageLockOptions options, CancellationToken cancellationToken);

    /// <summary>The error for a missing object, naming its location.</summary>
    protected CheckpointNotFoundException NotFound(string name, Exception? innerException = null) => new(LocationOfCore(name), innerException);
}
