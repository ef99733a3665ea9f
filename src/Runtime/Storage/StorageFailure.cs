namespace Checkpoint.Storage;

/// <summary>What counts as the storage failing (rather than a bug or a cancellation) where a caller reports it and carries on.</summary>
internal static class StorageFailure
{
    /// <summary>
    /// A file-system error, a refused permission, a failure a backend reported as a <see cref="CheckpointException"/>,
    /// or a network failure a cloud SDK let through (a refused connection after its retries).
    /// </summary>
    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException or CheckpointException or HttpRequestException or TimeoutException;
}
