using System.Net;
using Amazon.S3;

namespace Checkpoint.Storage.S3;

/// <summary>How the store's refusals map to this library's exceptions.</summary>
internal static class S3Errors
{
    /// <summary>A failure of the store named for the object it concerned.</summary>
    public static CheckpointException Failed(string location, AmazonS3Exception e) =>
        new($"S3 failed on {location}: {(int)e.StatusCode} {e.ErrorCode ?? ""} {e.Message}".TrimEnd(), e);

    public static bool IsNotFound(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>A condition (If-Match, If-None-Match) did not hold, or a concurrent conditional write won (409).</summary>
    public static bool IsConditionFailed(AmazonS3Exception e) =>
        e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict;
}
