using global::Azure;

namespace Checkpoint.Storage.Azure;

/// <summary>How the service's refusals map to this library's exceptions.</summary>
internal static class AzureErrors
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    /// <summary>A failure of the service named for the object it concerned.</summary>
    public static CheckpointException Failed(string location, RequestFailedException e) =>
        new($"Azure Blob Storage failed on {location}: {e.Status} {e.ErrorCode ?? ""} {FirstLine(e.Message)}".TrimEnd(), e);

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
