namespace Checkpoint.Storage;

/// <summary>One thing <see cref="ObjectStorage.RecoverStagingsAsync"/> cleaned up or put back.</summary>
/// <param name="Kind">What was found and what was done.</param>
/// <param name="Prefix">The prefix it belonged to (<c>step_00000042</c>).</param>
/// <param name="Location">The leftover's full location, for messages.</param>
public sealed record StagingRecovery(StagingRecoveryKind Kind, string Prefix, string Location);

/// <summary>The kinds of <see cref="StagingRecovery"/>.</summary>
public enum StagingRecoveryKind
{
    /// <summary>Objects staged by a writer that never committed (killed, or failed without cleaning up) were deleted.</summary>
    AbandonedStagingRemoved,

    /// <summary>What a deletion that was interrupted left was deleted.</summary>
    InterruptedDeletionRemoved,

    /// <summary>The previous version of a prefix whose replacement was committed was deleted.</summary>
    ReplacedVersionRemoved,

    /// <summary>The previous version of a prefix was put back: the writer was killed between moving it aside and publishing the new one.</summary>
    ReplacedVersionRestored,
}
