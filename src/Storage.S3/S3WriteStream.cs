using Amazon.S3;
using Amazon.S3.Model;

namespace Checkpoint.Storage.S3;

/// <summary>
/// An upload to S3: parts of a multipart upload go up in parallel (invisible until completed) and
/// CompleteMultipartUpload makes the object appear whole; an object of one part is a single PUT. A create-only
/// write sends <c>If-None-Match: *</c> with the publishing request when the store has conditional writes, and
/// otherwise checks just before it. An aborted upload is aborted; a killed one leaves invisible parts until the
/// bucket's lifecycle rule for incomplete multipart uploads removes them.
/// </summary>
internal sealed class S3WriteStream : BlockUploadStream
{
    // S3's limit on the parts of one upload.
    private const int MaxParts = 10_000;

    private readonly S3Storage _storage;
    private readonly string _key;
    private readonly bool _conditional;
    private readonly string?[] _etags = new string?[MaxParts];
    private string? _uploadId;

    public S3WriteStream(S3Storage storage, string key, string name, string location, StorageWriteOptions options, S3StorageOptions upload)
        : base(name, location, options, upload.PartSize, upload.MaxParallelUploads, MaxParts)
    {
        _storage = storage;
        _key = key;
        _conditional = upload.ConditionalWrites;
    }

    protected override async Task StartBlocksAsync(CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = _storage.Bucket, Key = _key };
        var response = await Send(() => _storage.Client.InitiateMultipartUploadAsync(request, cancellationToken)).ConfigureAwait(false);
        _uploadId = response.UploadId;
    }

    protected override async Task UploadBlockAsync(int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var content = AsReadOnlyStream(data);
        var request = new UploadPartRequest
        {
            BucketName = _storage.Bucket, Key = _key, UploadId = _uploadId, PartNumber = index + 1, InputStream = content, PartSize = data.Length, UseChunkEncoding = false,
        };
        var response = await Send(() => _storage.Client.UploadPartAsync(request, cancellationToken)).ConfigureAwait(false);
        _etags[index] = response.ETag;
    }

    protected override async Task<StorageObjectInfo> CommitBlocksAsync(int blockCount, long length, CancellationToken cancellationToken)
    {
        await CheckAbsentUnlessConditionalAsync(cancellationToken).ConfigureAwait(false);
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = _storage.Bucket, Key = _key, UploadId = _uploadId,
            PartETags = Enumerable.Range(0, blockCount).Select(i => new PartETag(i + 1, _etags[i])).ToList(),
            IfNoneMatch = CreateOnlyCondition(),
        };
        var response = await Publish(() => _storage.Client.CompleteMultipartUploadAsync(request, cancellationToken)).ConfigureAwait(false);
        return new StorageObjectInfo(Name, length, null, response.ETag);
    }

    protected override async Task<StorageObjectInfo> UploadWholeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await CheckAbsentUnlessConditionalAsync(cancellationToken).ConfigureAwait(false);
        using var content = AsReadOnlyStream(data);
        var request = new PutObjectRequest { BucketName = _storage.Bucket, Key = _key, InputStream = content, AutoCloseStream = false, UseChunkEncoding = false, IfNoneMatch = CreateOnlyCondition() };
        var response = await Publish(() => _storage.Client.PutObjectAsync(request, cancellationToken)).ConfigureAwait(false);
        return new StorageObjectInfo(Name, data.Length, null, response.ETag);
    }

    protected override async ValueTask AbortBlocksAsync()
    {
        if (_uploadId is null) return;
        var request = new AbortMultipartUploadRequest { BucketName = _storage.Bucket, Key = _key, UploadId = _uploadId };
        await _storage.Client.AbortMultipartUploadAsync(request).ConfigureAwait(false);
    }

    private string? CreateOnlyCondition() => !Overwrite && _conditional ? "*" : null;

    // Without conditional writes, create-only is a check just before publishing (a writer racing in between wins silently).
    private async Task CheckAbsentUnlessConditionalAsync(CancellationToken cancellationToken)
    {
        if (Overwrite || _conditional) return;
        if (await _storage.GetInfoAsync(Name, cancellationToken).ConfigureAwait(false) is not null) throw AlreadyExists(Location);
    }

    private async Task<T> Publish<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (!Overwrite && S3Errors.IsConditionFailed(e))
        {
            throw AlreadyExists(Location);
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(Location, e);
        }
    }

    private async Task<T> Send<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(Location, e);
        }
    }
}
