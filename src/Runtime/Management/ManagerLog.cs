using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>What the manager logs (event ids in <see cref="CheckpointEvents"/>; docs/manager.md lists them).</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = CheckpointEvents.StepSaved, Level = LogLevel.Information, Message = "Checkpoint manager {Location}: saved step {Step} ({Bytes} bytes)")]
    public static partial void Saved(ILogger logger, string location, long step, long bytes);

    [LoggerMessage(EventId = CheckpointEvents.StepSaveFailed, Level = LogLevel.Error, Message = "Checkpoint manager {Location}: saving step {Step} failed")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string location, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepDeleted, Level = LogLevel.Information, Message = "Checkpoint manager {Location}: deleted step {Step} (retention)")]
    public static partial void Deleted(ILogger logger, string location, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepDeleteFailed, Level = LogLevel.Warning, Message = "Checkpoint manager {Location}: could not delete step {Step}")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string location, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepRestored, Level = LogLevel.Information, Message = "Checkpoint manager {Location}: restored step {Step} ({Reason})")]
    public static partial void Restored(ILogger logger, string location, long step, string reason);

    [LoggerMessage(EventId = CheckpointEvents.StepRestoredAfterFallback, Level = LogLevel.Warning, Message = "Checkpoint manager {Location}: {Reason}")]
    public static partial void RestoredAfterFallback(ILogger logger, string location, string reason);

    [LoggerMessage(EventId = CheckpointEvents.StepSkipped, Level = LogLevel.Warning, Message = "Checkpoint manager {Location}: step {Step} is not intact ({Problem}); {Next}")]
    public static partial void Skipped(ILogger logger, string location, long step, string problem, string next);

    [LoggerMessage(EventId = CheckpointEvents.StepDamaged, Level = LogLevel.Warning, Message = "Checkpoint manager {Location}: step {Step} is damaged: {Problem}")]
    public static partial void Damaged(ILogger logger, string location, long step, string problem);

    [LoggerMessage(EventId = CheckpointEvents.UncommittedStepRemoved, Level = LogLevel.Information,
        Message = "Checkpoint manager {Location}: removing step {Step}, which has no committed manifest ({Objects} object(s) of an interrupted save)")]
    public static partial void UncommittedRemoved(ILogger logger, string location, long step, int objects);

    [LoggerMessage(EventId = CheckpointEvents.LockOwnerNotRecorded, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Location}: could not record this process as the holder in {Path}: {Error}")]
    public static partial void OwnerNotRecorded(ILogger logger, Exception exception, string location, string path, string error);

    [LoggerMessage(EventId = CheckpointEvents.LockReleaseFailed, Level = LogLevel.Warning, Message = "Checkpoint manager: releasing the lock {Lock} failed")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string @lock);

    [LoggerMessage(EventId = CheckpointEvents.ShardWritten, Level = LogLevel.Information,
        Message = "Checkpoint manager {Location}: rank {Rank} of {WorldSize} wrote its shard of step {Step} ({Bytes} bytes)")]
    public static partial void ShardWritten(ILogger logger, string location, int rank, int worldSize, long step, long bytes);

    [LoggerMessage(EventId = CheckpointEvents.ShardedSaveAbandoned, Level = LogLevel.Error, Message = "Checkpoint manager {Location}: the sharded save of step {Step} was abandoned: {Reason}")]
    public static partial void ShardedSaveAbandoned(ILogger logger, string location, long step, string reason);

    [LoggerMessage(EventId = CheckpointEvents.StagingRecovered, Level = LogLevel.Information, Message = "Checkpoint manager {Location}: {What} ({Leftover})")]
    public static partial void Recovered(ILogger logger, string location, string what, string leftover);

    [LoggerMessage(EventId = CheckpointEvents.StagingRecovered, Level = LogLevel.Warning, Message = "Checkpoint manager {Location}: {What} ({Leftover})")]
    public static partial void RecoveredReplacement(ILogger logger, string location, string what, string leftover);

    [LoggerMessage(EventId = CheckpointEvents.StorageLockLost, Level = LogLevel.Error, Message = "Checkpoint manager {Location}: the lock was lost before step {Step} could be committed")]
    public static partial void LockLost(ILogger logger, Exception exception, string location, long step);
}
