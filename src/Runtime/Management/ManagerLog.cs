using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>What the checkpoint manager logs, each message with its event id (<c>docs/observability.md</c>).</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = CheckpointEvents.StepSaved, Level = LogLevel.Information,
        Message = "Checkpoint manager {Directory}: saved step {Step} ({Bytes} bytes)")]
    public static partial void StepSaved(ILogger logger, string directory, long step, long bytes);

    [LoggerMessage(EventId = CheckpointEvents.StepSaveFailed, Level = LogLevel.Error,
        Message = "Checkpoint manager {Directory}: saving step {Step} failed")]
    public static partial void StepSaveFailed(ILogger logger, Exception exception, string directory, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepDeleted, Level = LogLevel.Information,
        Message = "Checkpoint manager {Directory}: deleted step {Step} (retention)")]
    public static partial void StepDeleted(ILogger logger, string directory, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepDeleteFailed, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: could not delete step {Step}")]
    public static partial void StepDeleteFailed(ILogger logger, Exception exception, string directory, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepRestored, Level = LogLevel.Information,
        Message = "Checkpoint manager {Directory}: restored step {Step} ({Reason})")]
    public static partial void StepRestored(ILogger logger, string directory, long step, string reason);

    [LoggerMessage(EventId = CheckpointEvents.StepRestoredAfterFallback, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: {Reason}")]
    public static partial void StepRestoredAfterFallback(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = CheckpointEvents.StepSkipped, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: step {Step} is not intact ({Problem}); {Next}")]
    public static partial void StepSkipped(ILogger logger, string directory, long step, string problem, string next);

    [LoggerMessage(EventId = CheckpointEvents.StepDamaged, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: step {Step} is damaged: {Problem}")]
    public static partial void StepDamaged(ILogger logger, string directory, long step, string? problem);

    [LoggerMessage(EventId = CheckpointEvents.StepReplacementRecovered, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: restored step {Step} from an interrupted replacement")]
    public static partial void StepReplacementRecovered(ILogger logger, string directory, long step);

    [LoggerMessage(EventId = CheckpointEvents.StepEntryIgnored, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: ignoring {Path}, which is not a plain directory")]
    public static partial void StepEntryIgnored(ILogger logger, string directory, string path);

    [LoggerMessage(EventId = CheckpointEvents.LeftoverRemoved, Level = LogLevel.Information,
        Message = "Checkpoint manager {Directory}: removing {What} ({Path})")]
    public static partial void LeftoverRemoved(ILogger logger, string directory, string what, string path);

    [LoggerMessage(EventId = CheckpointEvents.LockOwnerNotRecorded, Level = LogLevel.Warning,
        Message = "Checkpoint manager {Directory}: could not record this process as the holder in {Path}: {Error}")]
    public static partial void LockOwnerNotRecorded(ILogger logger, Exception exception, string directory, string path, string error);

    [LoggerMessage(EventId = CheckpointEvents.LockReleaseFailed, Level = LogLevel.Warning,
        Message = "Checkpoint manager: releasing the lock {Path} failed")]
    public static partial void LockReleaseFailed(ILogger logger, Exception exception, string path);
}
