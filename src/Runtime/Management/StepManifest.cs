namespace Checkpoint.Management;

/// <summary>
/// What <c>manifest.json</c> records about one committed step. A step exists only once its manifest is
/// committed; the manifest lists every data file with its size and XxHash128, so corruption is detected.
/// </summary>
/// <param name="Step">The training step.</param>
/// <param name="SavedAtUtc">When the save was committed (UTC).</param>
/// <param name="Metrics">The metrics given to the save (non-finite values round-trip).</param>
/// <param name="Metadata">
/// The metadata given to the save, as read back from JSON: strings, <see cref="long"/> or <see cref="double"/>
/// numbers, booleans, null, <c>List&lt;object?&gt;</c> and <c>Dictionary&lt;string, object?&gt;</c>.
/// </param>
/// <param name="FormatVersion">The manifest format version (<see cref="CurrentFormatVersion"/> when written by this library).</param>
/// <param name="LibraryVersion">The version of the library that wrote the step.</param>
/// <param name="Files">Each data file of the step by name (<c>model.msgpack</c>, <c>optimizer.msgpack</c>).</param>
public sealed record StepManifest(
    long Step,
    DateTimeOffset SavedAtUtc,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, object?> Metadata,
    int FormatVersion,
    string LibraryVersion,
    IReadOnlyDictionary<string, ManifestFileEntry> Files)
{
    /// <summary>The manifest format this library writes for a step saved by one process.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest format of a sharded step (<see cref="Sharding"/>): older libraries refuse it rather than misread it.</summary>
    public const int ShardedFormatVersion = 2;

    /// <summary>The total size of the step's data files in bytes.</summary>
    public long TotalBytes => Files.Values.Sum(f => f.Size);

    /// <summary>How a sharded step is split into shard files (see <c>docs/sharding.md</c>); null for a step saved by one process.</summary>
    public ShardLayout? Sharding { get; init; }
}

/// <summary>How the state of a sharded step is split: every shard file, who wrote it and which paths it holds.</summary>
/// <param name="WorldSize">How many ranks saved the step.</param>
/// <param name="StagingId">The staging the ranks wrote into (ranks recognise their own commit by it).</param>
/// <param name="Shards">Each shard file of the step by name (<c>shard_1-of-4.msgpack</c>).</param>
public sealed record ShardLayout(int WorldSize, string StagingId, IReadOnlyDictionary<string, ShardEntry> Shards);

/// <summary>One shard file of a sharded step.</summary>
/// <param name="Rank">The rank that wrote it.</param>
/// <param name="Part">Whether it holds part of the model or of the optimizer.</param>
/// <param name="Paths">The dotted paths of the leaves it holds (<c>encoder.weight</c>), in file order.</param>
public sealed record ShardEntry(int Rank, ShardPart Part, IReadOnlyList<string> Paths);

/// <summary>What a shard file holds part of.</summary>
public enum ShardPart
{
    /// <summary>The model's state (<c>shard_r-of-N.msgpack</c>; merged, the tree of <c>model.msgpack</c>).</summary>
    Model,

    /// <summary>The optimizer's state (<c>optimizer_shard_r-of-N.msgpack</c>).</summary>
    Optimizer,
}

/// <summary>One data file of a step as the manifest records it.</summary>
/// <param name="Size">Its length in bytes.</param>
/// <param name="XxHash128">The XxHash128 (seed 0) of its bytes, as 32 lowercase hex digits (big-endian).</param>
public sealed record ManifestFileEntry(long Size, string XxHash128);
