namespace Checkpoint.Storage;

/// <summary>
/// The staging of object stores (no rename): objects are written under the prefix itself and the marker,
/// written last, is the commit. See <see cref="StagedPrefix"/> for the protocol.
/// </summary>
internal sealed class MarkerStagedPrefix(ObjectStorage storage, string prefix, string markerName, string stagingId, bool joined)
    : StagedPrefix(prefix, markerName, stagingId, joined)
{
    /// <summary>Prepares a new staging: the old marker goes first, so readers never see a half-cleared committed prefix.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await storage.DeleteAsync(StorageNames.Join(Prefix, MarkerName), cancellationToken).ConfigureAwait(false);
        await storage.DeletePrefixAsync(Prefix, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<StorageWriteStream> CreateCoreAsync(string relativeName, StorageWriteOptions? options, CancellationToken cancellationToken) =>
        storage.CreateAsync(StorageNames.Join(Prefix, relativeName), options, cancellationToken);

    protected override async IAsyncEnumerable<StorageObjectInfo> ListCoreAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marker = StorageNames.Join(Prefix, MarkerName);
        await foreach (var item in storage.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (item.Name != marker) yield return item with { Name = StorageNames.Relative(item.Name, Prefix) };
        }
    }

    protected override async Task CommitCoreAsync(ReadOnlyMemory<byte> marker, CancellationToken cancellationToken) =>
        await storage.WriteAsync(StorageNames.Join(Prefix, MarkerName), marker, null, cancellationToken).ConfigureAwait(false);

    // The creator cleared the prefix, so everything under it belongs to this staging.
    protected override Task AbortCoreAsync() => storage.DeletePrefixAsync(Prefix, CancellationToken.None);
}
