namespace Checkpoint.Storage;

/// <summary>How a prefix is staged (<see cref="ObjectStorage.StagePrefixAsync"/>).</summary>
public sealed class StagingOptions
{
    /// <summary>The defaults: a new staging with a fresh id.</summary>
    public static StagingOptions Default { get; } = new();

    /// <summary>
    /// Null to create a new staging (with a fresh id); the <see cref="StagedPrefix.StagingId"/> of an existing
    /// staging to join it from another process (a rank of a sharded save). Joining never clears the prefix.
    /// </summary>
    public string? StagingId { get; init; }
}
