using System.Text.RegularExpressions;

namespace Checkpoint.Storage;

/// <summary>
/// A set of objects written under a prefix (a checkpoint step: data files and a manifest) that is published as
/// a whole by <see cref="CommitAsync"/>, which writes the commit marker (the manifest) last. Several processes
/// can write into one staging (the ranks of a sharded save) by opening it with the same <see cref="StagingId"/>;
/// one of them (the coordinator) commits it.
/// </summary>
/// <remarks>
/// <para>On the local disk the objects go to a hidden staging directory that the commit renames to the prefix, so
/// the whole prefix appears at once and an existing one is replaced at once (<see cref="ObjectStorage.PublishesPrefixesAtomically"/>).</para>
/// <para>On object stores, which cannot rename, the objects are written under the prefix directly and the prefix
/// counts as committed exactly when its marker exists: readers must check the marker (the manager does, through
/// its manifest). The creator of a staging first deletes an existing marker and then the prefix's old objects,
/// so a replaced prefix is invisible from the start of the new save until its commit.</para>
/// <para>Disposing the creator's staging without a commit abandons it: everything staged, by any participant, is
/// deleted. Disposing a participant's (joined) staging deletes nothing: its committed objects stay for the
/// coordinator's commit.</para>
/// </remarks>
public abstract partial class StagedPrefix : IAsyncDisposable
{
    private int _state; // 0 open, 1 committed, 2 disposed

    /// <summary>Creates the staging.</summary>
    /// <param name="prefix">The prefix the objects are published under.</param>
    /// <param name="markerName">The marker's name relative to the prefix.</param>
    /// <param name="stagingId">The id other participants open the same staging with.</param>
    /// <param name="joined">Whether this instance joined another's staging (a participant) rather than creating it.</param>
    protected StagedPrefix(string prefix, string markerName, string stagingId, bool joined)
    {
        Prefix = prefix;
        MarkerName = markerName;
        StagingId = stagingId;
        IsJoined = joined;
    }

    /// <summary>The prefix the objects are published under.</summary>
    public string Prefix { get; }

    /// <summary>The commit marker's name, relative to <see cref="Prefix"/>.</summary>
    public string MarkerName { get; }

    /// <summary>The id that other processes pass (<see cref="StagingOptions.StagingId"/>) to write into this staging.</summary>
    public string StagingId { get; }

    /// <summary>Whether this instance joined another process's staging (a participant) rather than creating it.</summary>
    public bool IsJoined { get; }

    /// <summary>Whether <see cref="CommitAsync"/> succeeded.</summary>
    public bool IsCommitted => Volatile.Read(ref _state) == 1;

    /// <summary>Creates an object of the staging; its own commit makes it durable in the staging (not yet published).</summary>
    /// <param name="relativeName">The object's name relative to <see cref="Prefix"/>; not the marker's.</param>
    /// <param name="options">Progress (objects of a staging always replace).</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <exception cref="ArgumentException">The name is invalid or is the marker's.</exception>
    public Task<StorageWriteStream> CreateAsync(string relativeName, StorageWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        StorageNames.Validate(relativeName, nameof(relativeName));
        if (relativeName == MarkerName)
            throw new ArgumentException($"'{relativeName}' is the commit marker of {Prefix}; CommitAsync writes it.", nameof(relativeName));
        return CreateCoreAsync(relativeName, options, cancellationToken);
    }

    /// <summary>Creates an object with <paramref name="write"/> and commits it into the staging; nothing stays if <paramref name="write"/> throws.</summary>
    public async Task<StorageObjectInfo> WriteAsync(
        string relativeName, Func<Stream, CancellationToken, Task> write, StorageWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var stream = await CreateAsync(relativeName, options, cancellationToken).ConfigureAwait(false);
        return await ObjectStorage.WriteAndCommitAsync(stream, write, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The objects staged so far by every participant (names relative to <see cref="Prefix"/>), without the marker.</summary>
    public IAsyncEnumerable<StorageObjectInfo> ListAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return ListCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the marker last and publishes the prefix. On return the prefix, with every object staged by any
    /// participant, is visible and durable. Call it once, in one process, after every participant's objects are committed.
    /// </summary>
    /// <param name="marker">The marker's content (the step manifest).</param>
    /// <param name="cancellationToken">Cancels the commit; a cancelled commit publishes nothing.</param>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was published.</exception>
    public async Task CommitAsync(ReadOnlyMemory<byte> marker, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        await CommitCoreAsync(marker, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _state, 1);
    }

    /// <summary>Abandons the staging unless it was committed or this instance is a participant (see <see cref="StagedPrefix"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        var state = Interlocked.CompareExchange(ref _state, 2, 0);
        if (state != 0 || IsJoined) return;
        try
        {
            await AbortCoreAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: an uncommitted staging is invisible (locally) or has no marker (object stores).
        }
    }

    /// <summary>Checks a staging id given by the caller: 1 to 64 letters, digits, '-' or '_'.</summary>
    /// <exception cref="ArgumentException">The id has other characters.</exception>
    public static string ValidateStagingId(string stagingId)
    {
        ArgumentNullException.ThrowIfNull(stagingId);
        if (!StagingIdPattern().IsMatch(stagingId))
            throw new ArgumentException($"Invalid staging id '{stagingId}': use 1 to 64 letters, digits, '-' or '_'.", nameof(stagingId));
        return stagingId;
    }

    /// <summary>Creates an object of the staging (the name is valid and not the marker's).</summary>
    protected abstract Task<StorageWriteStream> CreateCoreAsync(string relativeName, StorageWriteOptions? options, CancellationToken cancellationToken);

    /// <summary>Lists the staged objects, relative to <see cref="Prefix"/>, without the marker.</summary>
    protected abstract IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(CancellationToken cancellationToken);

    /// <summary>Writes the marker and publishes the prefix.</summary>
    protected abstract Task CommitCoreAsync(ReadOnlyMemory<byte> marker, CancellationToken cancellationToken);

    /// <summary>Deletes everything staged, by any participant; called once, only for the creator and without a commit.</summary>
    protected abstract Task AbortCoreAsync();

    /// <summary>Throws unless the staging is still open.</summary>
    protected void EnsureOpen()
    {
        switch (Volatile.Read(ref _state))
        {
            case 1: throw new InvalidOperationException($"The staging of {Prefix} is already committed.");
            case 2: throw new ObjectDisposedException(GetType().Name, $"The staging of {Prefix} was disposed.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingIdPattern();
}
