namespace Checkpoint;

/// <summary>
/// The event ids of everything this library logs, in one place so they stay unique and documented: filter or route
/// them by id in your logging configuration. Ranges: 1000s loads, 1100s background saves, 1200s the
/// <see cref="Management.CheckpointManager"/> (docs/manager.md), 1300s storage (docs/storage.md).
/// </summary>
public static class CheckpointEvents
{
    /// <summary>A load under <see cref="Mismatch.Warn"/> found a problem (missing, unexpected or mismatched entry).</summary>
    public const int LoadProblem = 1001;

    /// <summary>A background save had to wait for the previous one to finish.</summary>
    public const int SaveWaited = 1101;

    /// <summary>A background save failed; the next call rethrows it.</summary>
    public const int BackgroundSaveFailed = 1102;

    /// <summary>The manager committed a step (Information).</summary>
    public const int StepSaved = 1201;

    /// <summary>Saving a step failed; earlier steps are untouched (Error).</summary>
    public const int StepSaveFailed = 1202;

    /// <summary>Retention deleted a step (Information).</summary>
    public const int StepDeleted = 1203;

    /// <summary>Retention could not delete a step; it is tried again after the next save (Warning).</summary>
    public const int StepDeleteFailed = 1204;

    /// <summary>A step was restored as asked, without fallback (Information).</summary>
    public const int StepRestored = 1205;

    /// <summary>A step was restored after falling back past damaged candidates (Warning).</summary>
    public const int StepRestoredAfterFallback = 1206;

    /// <summary>A restore candidate was not intact and was skipped (Warning).</summary>
    public const int StepSkipped = 1207;

    /// <summary>Opening found a damaged step (an unreadable manifest); it is kept and reported (Warning).</summary>
    public const int StepDamaged = 1208;

    /// <summary>Opening removed a step that was never committed (no manifest: an interrupted save or upload) (Information).</summary>
    public const int UncommittedStepRemoved = 1209;

    /// <summary>The holder's PID could not be recorded next to the local lock; the lock is held anyway (Warning).</summary>
    public const int LockOwnerNotRecorded = 1210;

    /// <summary>Releasing the manager's lock failed; a lease expires by itself (Warning).</summary>
    public const int LockReleaseFailed = 1211;

    /// <summary>A rank wrote its shard of a sharded step (Information).</summary>
    public const int ShardWritten = 1212;

    /// <summary>A sharded save was abandoned (a rank did not join or finish in time, or reported a problem); no step appeared (Error).</summary>
    public const int ShardedSaveAbandoned = 1213;

    /// <summary>What an interrupted staging, replacement or deletion left was cleaned up or put back (Information; Warning when a replaced version was put back).</summary>
    public const int StagingRecovered = 1301;

    /// <summary>A storage lock (a lease) was lost before a commit; the commit was refused (Error).</summary>
    public const int StorageLockLost = 1302;
}
