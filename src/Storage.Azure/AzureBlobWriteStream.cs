using System.Globalization;
using System.Text;
using global::Azure;
using global::Azure.Storage.Blobs.Models;
using global::Azure.Storage.Blobs.Specialized;

namespace Checkpoint.Storage.Azure;

/// <summary>
/// An upload to a block blob: blocks are staged in parallel (invisible until committed) and the commit is one
/// Put Block List, which makes the blob appear whole; an object of one block is a single Put Blob. A create-only
/// write commits with <c>If-None-Match: *</c>, which the service checks atomically. An aborted or killed upload
/// leaves only uncommitted blocks, which are never visible and which the service discards after a week.
/// </summary>
internal sealed class AzureBlobWriteStream : BlockUploadStream
{
    // Azure's limit on the blocks of one blob.
    private const int MaxBlocks = 50_000;

    private readonly BlockBlobClient _blob;
    private readonly string _uploadId = Guid.NewGuid().ToString("N");

    public AzureBlobWriteStream(BlockBlobClient blob, string name, string location, StorageWriteOptions options, AzureBlobStorageOptions upload)
        : base(name, location, options, upload.BlockSize, upload.MaxParallelUploads, MaxBlocks) => _blob = blob;

    protected override async Task UploadBlockAsync(int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var content = AsReadOnlyStream(data);
        try
        {
            await _blob.StageBlockAsync(BlockId(index), content, new BlockBlobStageBlockOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(Location, e);
        }
    }

    protected override async Task<StorageObjectInfo> CommitBlocksAsync(int blockCount, long length, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, blockCount).Select(BlockId).ToList();
        var options = new CommitBlockListOptions { Conditions = Conditions() };
        var info = await Publish(() => _blob.CommitBlockListAsync(ids, options, cancellationToken)).ConfigureAwait(false);
        return new StorageObjectInfo(Name, length, info.LastModified, info.ETag.ToString());
    }

    protected override async Task<StorageObjectInfo> UploadWholeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var content = AsReadOnlyStream(data);
        var options = new BlobUploadOptions { Conditions = Conditions() };
        var info = await Publish(() => _blob.UploadAsync(content, options, cancellationToken)).ConfigureAwait(false);
        return new StorageObjectInfo(Name, data.Length, info.LastModified, info.ETag.ToString());
    }

    // Uncommitted blocks are invisible and expire on their own; there is no request to discard them.
    protected override ValueTask AbortBlocksAsync() => ValueTask.CompletedTask;

    private BlobRequestConditions? Conditions() => Overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All };

    private async Task<BlobContentInfo> Publish(Func<Task<Response<BlobContentInfo>>> request)
    {
        try
        {
            return (await request().ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (!Overwrite && e.Status is AzureErrors.Conflict or AzureErrors.PreconditionFailed)
        {
            throw AlreadyExists(Location);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(Location, e);
        }
    }

    // Block ids must have one length within a blob; the upload id keeps a concurrent writer's blocks apart.
    private string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(_uploadId + index.ToString("D6", CultureInfo.InvariantCulture)));
}
