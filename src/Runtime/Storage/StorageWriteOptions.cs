namespace Checkpoint.Storage;

/// <summary>How an object is written (<see cref="ObjectStorage.CreateAsync"/>).</summary>
public sealed class StorageWriteOptions
{
    /// <summary>The defaults: replace an existing object, no progress.</summary>
    public static StorageWriteOptions Default { get; } = new();

    /// <summary>
    /// Whether the commit may replace an existing object (the default). When false the commit fails with a
    /// <see cref="CheckpointException"/> if the object exists, and the existing object is left as it was; see
    /// docs/storage.md for how strictly each backend enforces this against a concurrent writer.
    /// </summary>
    public bool Overwrite { get; init; } = true;

    /// <summary>
    /// Receives the total number of bytes stored so far (written to the temporary file, or uploaded in completed
    /// blocks), rising, at least every MiB and once more at the commit with the object's length.
    /// </summary>
    public IProgress<long>? Progress { get; init; }
}
