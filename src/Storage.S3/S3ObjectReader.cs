using Amazon.S3;
using Amazon.S3.Model;

namespace Checkpoint.Storage.S3;

/// <summary>
/// Ranged GETs of one object, each sent with <c>If-Match</c> on the ETag seen at open and its answer's ETag
/// compared too (stores that ignore the header are caught by the comparison), so a replaced object fails instead
/// of mixing versions. The AWS SDK has no synchronous calls on .NET, so the synchronous read waits for the request.
/// </summary>
internal sealed class S3ObjectReader(IAmazonS3 client, string bucket, string key, string name, string location, long length, string etag)
    : StorageObjectReader(name, location, length)
{
    protected override async ValueTask ReadCoreAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(offset, destination.Length, cancellationToken).ConfigureAwait(false);
        await CopyExactlyAsync(response.ResponseStream, offset, destination, cancellationToken).ConfigureAwait(false);
    }

    protected override void ReadCore(long offset, Span<byte> destination)
    {
        using var response = GetAsync(offset, destination.Length, CancellationToken.None).GetAwaiter().GetResult();
        CopyExactly(response.ResponseStream, offset, destination);
    }

    private async Task<GetObjectResponse> GetAsync(long offset, int count, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        var request = new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(offset, offset + count - 1), EtagToMatch = etag };
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsConditionFailed(e) || S3Errors.IsNotFound(e))
        {
            throw Changed(e);
        }
        catch (AmazonS3Exception e)
        {
            throw S3Errors.Failed(Location, e);
        }

        if (response.ETag == etag) return response;
        response.Dispose();
        throw Changed();
    }
}
