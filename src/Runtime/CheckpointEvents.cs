namespace Checkpoint;

/// <summary>
/// The event ids of everything this library logs, in one place so they stay unique and documented
/// (<c>docs/observability.md</c>): filter or route them by id in your logging configuration.
/// </summary>
public static class CheckpointEvents
{
    /// <summary>A load under <see cref="Mismatch.Warn"/> found a problem (missing, unexpected or mismatched entry).</summary>
    public const int LoadProblem = 1001;

    /// <summary>A background save had to wait for the previous one to finish.</summary>
    public const int SaveWaited = 1101;

    /// <summary>A background save failed; the next call rethrows it.</summary>
    public const int BackgroundSaveFailed = 1102;
}
