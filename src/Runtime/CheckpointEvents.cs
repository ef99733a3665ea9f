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

    /// <summary>The checkpoint manager committed a step (Information).</summary>
    public const int StepSaved = 1201;

    /// <summary>The checkpoint manager could not save a step; the earlier steps are untouched (Error, with the exception).</summary>
    public const int StepSaveFailed = 1202;

    /// <summary>The checkpoint manager deleted a step its retention policy no longer keeps (Information).</summary>
    public const int StepDeleted = 1203;

    /// <summary>A step the retention policy no longer keeps could not be deleted; the next save retries (Warning).</summary>
    public const int StepDeleteFailed = 1204;

    /// <summary>The checkpoint manager restored the step that was asked for (Information).</summary>
    public const int StepRestored = 1205;

    /// <summary>The checkpoint manager restored a step after skipping damaged candidates (Warning).</summary>
    public const int StepRestoredAfterFallback = 1206;

    /// <summary>A candidate step was not intact and was skipped by a restore (Warning).</summary>
    public const int StepSkipped = 1207;

    /// <summary>Opening the directory found a damaged step (no readable manifest); it is kept and reported (Warning).</summary>
    public const int StepDamaged = 1208;

    /// <summary>Opening the directory put back a step whose replacement was interrupted (Warning).</summary>
    public const int StepReplacementRecovered = 1209;

    /// <summary>Opening the directory ignored an entry named like a step that is not a plain directory (Warning).</summary>
    public const int StepEntryIgnored = 1210;

    /// <summary>Opening the directory removed what an interrupted save or deletion left behind (Information).</summary>
    public const int LeftoverRemoved = 1211;

    /// <summary>The directory lock was taken, but this process could not be recorded as its holder (Warning).</summary>
    public const int LockOwnerNotRecorded = 1212;

    /// <summary>Releasing the directory lock failed (Warning).</summary>
    public const int LockReleaseFailed = 1213;
}
