using global::Azure;
using global::Azure.Storage.Blobs;
using global::Azure.Storage.Blobs.Models;
using global::Azure.Storage.Blobs.Specialized;

namespace Checkpoint.Storage.Azure;

/// <summary>
/// A lock that is a lease on a lock blob (created empty if missing). The service grants a lease to one holder
/// at a time, atomically; the holder renews it in the background, and a crashed holder's lease expires after
/// its duration (15 to 60 seconds). The holder's owner id is kept in the blob's metadata for other holders' errors.
/// </summary>
internal sealed class AzureBlobLock : LeasedStorageLock
{
    private const string OwnerKey = "checkpointowner";

    private readonly BlobLeaseClient _lease;

    private AzureBlobLock(string name, string location, string ownerId, TimeSpan duration, BlobLeaseClient lease)
        : base(name, location, ownerId, duration) => _lease = lease;

    public static async Task<StorageLock> AcquireAsync(BlobClient blob, string name, string location, StorageLockOptions options, CancellationToken cancellationToken)
    {
        var duration = options.LeaseDuration;
        if (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60))
            throw new ArgumentOutOfRangeException(nameof(options), duration, "Azure blob leases last 15 to 60 seconds.");
        var ownerId = options.ResolveOwnerId();
        try
        {
            await CreateIfMissingAsync(blob, cancellationToken).ConfigureAwait(false);
            var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == AzureErrors.Conflict)
            {
                throw new StorageLockedException(location, await ReadOwnerAsync(blob).ConfigureAwait(false), e);
            }

            var metadata = new Dictionary<string, string> { [OwnerKey] = Uri.EscapeDataString(ownerId) };
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
            var held = new AzureBlobLock(name, location, ownerId, duration, lease);
            held.StartRenewing();
            return held;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(location, e);
        }
    }

    protected override async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is AzureErrors.Conflict or AzureErrors.PreconditionFailed)
        {
            return false;
        }
    }

    protected override async ValueTask ReleaseLeaseAsync() => await _lease.ReleaseAsync().ConfigureAwait(false);

    private static async Task CreateIfMissingAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.Empty, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is AzureErrors.Conflict or AzureErrors.PreconditionFailed)
        {
            // It exists (and may be leased): the lease decides.
        }
    }

    private static async Task<string?> ReadOwnerAsync(BlobClient blob)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync().ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(OwnerKey, out var owner) ? Uri.UnescapeDataString(owner) : null;
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }
}
