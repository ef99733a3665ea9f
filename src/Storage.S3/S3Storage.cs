using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Checkpoint.Storage.S3;

/// <summary>
/// Objects in an S3 bucket (Amazon S3 or a compatible store), optionally under a prefix (<c>runs/42</c> puts the
/// object <c>step_1/model.msgpack</c> at the key <c>runs/42/step_1/model.msgpack</c>). Large uploads are parallel
/// multipart uploads published by CompleteMultipartUpload; reads of byte ranges are ranged GETs pinned to the
/// ETag seen when the reader opened; create-only writes and the lock use conditional writes. docs/storage.md
/// lists the guarantees and the consistency S3 is assumed to give.
/// </summary>
public sealed class S3Storage : ObjectStorage
{
    private readonly string _prefix;

    /// <summary>A storage in <paramref name="bucket"/> under <paramref name="prefix"/>.</summary>
    /// <param name="client">The client (its configuration carries endpoint, region and credentials; see <see cref="CreateCompatibleClient"/>).</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">A name every object is placed under, or empty for the bucket's root.</param>
    /// <param name="options">Part size, parallelism and conditional writes; null for the defaults.</param>
    public S3Storage(IAmazonS3 client, string bucket, string prefix = "", S3StorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        Client = client;
        Bucket = bucket;
        _prefix = StorageNames.ValidatePrefix(prefix);
        Options = options ?? S3StorageOptions.Default;
        Options.Validate();
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary><c>s3://bucket/prefix</c>.</summary>
    public override string Location => _prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{_prefix}";

    internal IAmazonS3 Client { get; }

    internal S3StorageOptions Options { get; }

    /// <summary>
    /// A client for an S3-compatible endpoint (MinIO, an emulator, another region's URL): path-style addressing,
    /// and checksums only where the API requires them. SDK v4 otherwise adds CRC checksums to every upload as
    /// aws-chunked trailers, which many compatible stores do not understand.
    /// </summary>
    /// <param name="serviceUrl">The endpoint, e.g. <c>http://127.0.0.1:9000</c>.</param>
    /// <param name="accessKey">The access key id.</param>
    /// <param name="secretKey">The secret access key.</param>
    /// <param name="region">The signing region.</param>
    public static AmazonS3Client CreateCompatibleClient(Uri serviceUrl, string accessKey, string secretKey, string region = "us-east-1")
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var config = new AmazonS3Config
        {
            ServiceURL = serviceUrl.AbsoluteUri,
            ForcePathStyle = true,
            AuthenticationRegion = region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }

    /// <summary>Creates the bucket unless it exists (the same as <see cref="CreateBucketIfNotExistsAsync"/>).</summary>
    public override Task PrepareAsync(CancellationToken cancellationToken = default) => CreateBucketIfNotExistsAsync(cancellationToken);

    /// <summary>Creates the bucket unless it exists (and is yours).</summary>
    public async Task CreateBucketIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Already there.
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed($"s3://{Bucket}", e);
        }
    }

    /// <summary>Writes a small object in one PUT with optional conditions; null when a condition did not hold.</summary>
    internal async Task<string?> PutSmallAsync(string name, byte[] content, string? ifNoneMatch, string? ifMatch, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        var request = new PutObjectRequest { BucketName = Bucket, Key = Key(name), InputStream = stream, AutoCloseStream = false, UseChunkEncoding = false, IfNoneMatch = ifNoneMatch, IfMatch = ifMatch };
        try
        {
            return (await Client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false)).ETag;
        }
        catch (AmazonS3Exception e) when ((ifNoneMatch ?? ifMatch) is not null && S3Errors.IsConditionFailed(e))
        {
            return null;
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override string LocationOfCore(string name) => $"s3://{Bucket}/{Key(name)}";

    /// <inheritdoc />
    protected override Task<StorageWriteStream> CreateCoreAsync(string name, StorageWriteOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<StorageWriteStream>(new S3WriteStream(this, Key(name), name, LocationOfCore(name), options, Options));

    /// <inheritdoc />
    protected override async Task<StorageObjectInfo?> GetInfoCoreAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = Key(name) }, cancellationToken).ConfigureAwait(false);
            return new StorageObjectInfo(name, response.ContentLength, Utc(response.LastModified), response.ETag);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override async Task<Stream> OpenReadCoreAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = Key(name) }, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            throw NotFound(name, e);
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override async Task<StorageObjectReader> OpenReaderCoreAsync(string name, CancellationToken cancellationToken)
    {
        var info = await GetInfoCoreAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
        return new S3ObjectReader(Client, Bucket, Key(name), name, LocationOfCore(name), info.Length, info.Version!);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in Pages(prefix, delimiter: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.S3Objects ?? [])
            {
                if (StorageNames.IsUnder(item.Key, _prefix))
                    yield return new StorageObjectInfo(StorageNames.Relative(item.Key, _prefix), item.Size ?? 0, Utc(item.LastModified), item.ETag);
            }
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> ListPrefixesCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in Pages(prefix, StorageNames.Separator.ToString(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var common in page.CommonPrefixes ?? [])
            {
                var key = common.TrimEnd(StorageNames.Separator);
                if (StorageNames.IsUnder(key, _prefix)) yield return StorageNames.Relative(key, _prefix);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> DeleteCoreAsync(string name, CancellationToken cancellationToken)
    {
        // S3 answers a DELETE the same way whether or not the object existed; the HEAD tells which.
        if (await GetInfoCoreAsync(name, cancellationToken).ConfigureAwait(false) is null) return false;
        await DeleteKeyAsync(name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    protected override async Task<int> DeletePrefixCoreAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var item in ListAsync(prefix, cancellationToken).ConfigureAwait(false)) names.Add(item.Name);
        foreach (var name in names) await DeleteKeyAsync(name, cancellationToken).ConfigureAwait(false);
        return names.Count;
    }

    /// <inheritdoc />
    protected override Task<StorageLock> AcquireLockCoreAsync(string name, StorageLockOptions options, CancellationToken cancellationToken) =>
        S3Lock.AcquireAsync(this, name, options, cancellationToken);

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : null;

    private string Key(string name) => StorageNames.Join(_prefix, name);

    private async Task DeleteKeyAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = Key(name) }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(LocationOfCore(name), e);
        }
    }

    // Listing "a" must not return "ab": S3's prefix is textual, so it gets the separator.
    private async IAsyncEnumerable<ListObjectsV2Response> Pages(string prefix, string? delimiter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = prefix.Length == 0 ? _prefix : Key(prefix);
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = key.Length == 0 ? null : key + StorageNames.Separator, Delimiter = delimiter };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await Client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e)
            {
                throw S3Errors.Failed(prefix.Length == 0 ? Location : LocationOfCore(prefix), e);
            }

            yield return page;
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }
}
