using global::Azure;
using global::Azure.Storage.Blobs;
using global::Azure.Storage.Blobs.Models;

namespace Checkpoint.Storage.Azure;

/// <summary>Ranged reads of a blob (Get Blob with a range), each conditioned on the ETag seen at open, so a replaced blob fails instead of mixing versions.</summary>
internal sealed class AzureBlobReader(BlobClient blob, string name, string location, long length, ETag etag)
    : StorageObjectReader(name, location, length)
{
    protected override async ValueTask ReadCoreAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        Response<BlobDownloadStreamingResult> response;
        try
        {
            response = await blob.DownloadStreamingAsync(Options(offset, destination.Length), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw Translate(e);
        }

        await using var content = response.Value.Content;
        await CopyExactlyAsync(content, offset, destination, cancellationToken).ConfigureAwait(false);
    }

    protected override void ReadCore(long offset, Span<byte> destination)
    {
        ThrowIfClosed();
        Response<BlobDownloadStreamingResult> response;
        try
        {
            response = blob.DownloadStreaming(Options(offset, destination.Length));
        }
        catch (RequestFailedException e)
        {
            throw Translate(e);
        }

        using var content = response.Value.Content;
        CopyExactly(content, offset, destination);
    }

    private BlobDownloadOptions Options(long offset, int count) =>
        new() { Range = new HttpRange(offset, count), Conditions = new BlobRequestConditions { IfMatch = etag } };

    private CheckpointException Translate(RequestFailedException e) =>
        e.Status is AzureErrors.PreconditionFailed or AzureErrors.NotFound ? Changed(e) : AzureErrors.Failed(Location, e);
}
