using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// What a <see cref="CheckpointManager"/> saves and keeps. The defaults save every step, keep everything and
/// save synchronously; set <see cref="KeepLast"/>, <see cref="BestMetric"/> and <see cref="KeepEvery"/> to prune.
/// </summary>
public sealed record CheckpointManagerOptions
{
    /// <summary>The default options.</summary>
    public static CheckpointManagerOptions Default { get; } = new();

    /// <summary><see cref="CheckpointManager.ShouldSave"/> is true for steps divisible by this (default 1: every step).</summary>
    public long SaveInterval { get; init; } = 1;

    /// <summary>How many of the newest steps retention keeps; null (the default) keeps every step.</summary>
    public int? KeepLast { get; init; }

    /// <summary>The metric that ranks steps (for example <c>"loss"</c>); null disables best-K retention and <see cref="CheckpointSelection.Best"/>.</summary>
    public string? BestMetric { get; init; }

    /// <summary>Whether smaller or larger values of <see cref="BestMetric"/> are better (default <see cref="MetricMode.Min"/>).</summary>
    public MetricMode BestMode { get; init; } = MetricMode.Min;

    /// <summary>How many of the best steps by <see cref="BestMetric"/> retention keeps (default 1).</summary>
    public int KeepBest { get; init; } = 1;

    /// <summary>Steps divisible by this are kept forever (for example 10000); null keeps none for this reason.</summary>
    public long? KeepEvery { get; init; }

    /// <summary>How steps without <see cref="BestMetric"/> are treated (default <see cref="MissingMetricPolicy.NeverBest"/>).</summary>
    public MissingMetricPolicy MissingMetric { get; init; } = MissingMetricPolicy.NeverBest;

    /// <summary>
    /// Saves in the background: <see cref="CheckpointManager.Save(long, IStateful, IStateful?, IReadOnlyDictionary{string, double}?, IReadOnlyDictionary{string, object?}?, bool, CancellationToken)"/>
    /// snapshots the state and returns; at most one save is in flight and the next one waits for it.
    /// </summary>
    public bool Async { get; init; }

    /// <summary>The state kinds saved from models and the msgpack chunking (default: persistent kinds).</summary>
    public SaveOptions SaveOptions { get; init; } = Checkpoint.SaveOptions.Default;

    /// <summary>Receives what the manager does: saves, deletions, recovery on open and fallbacks on restore.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// On object stores, how long the manager's lock (a blob lease, an S3 lock object) outlives a holder that stopped
    /// renewing it: a crashed manager's lock frees itself after at most this long (default 60 s; Azure accepts 15 to
    /// 60 s). The local disk ignores it: the kernel frees a dead process's lock at once.
    /// </summary>
    public TimeSpan LockLeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long opening waits for a lock another manager holds before refusing, trying again every 200 ms. Default
    /// zero: refuse at once. A job restarted after a crash on an object store sets it to a little more than
    /// <see cref="LockLeaseDuration"/>, so the killed manager's lease runs out while the new one waits.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Makes every save a sharded save across processes (data parallel training): each of
    /// <see cref="ShardingOptions.WorldSize"/> processes opens a manager on the same storage with its own
    /// <see cref="ShardingOptions.Rank"/>, saves its part of the state as its own shard file, and rank 0 commits the
    /// step once every shard is durable. Only rank 0 locks the storage, cleans it up and applies retention. Null (the
    /// default): one process saves whole steps. See <c>docs/sharding.md</c>.
    /// </summary>
    public ShardingOptions? Sharding { get; init; }

    /// <summary>The file-system layer; tests replace it to simulate a full disk.</summary>
    internal IManagerFileSystem FileSystem { get; init; } = PhysicalManagerFileSystem.Instance;

    internal void Validate()
    {
        if (SaveInterval <= 0) throw new ArgumentOutOfRangeException(nameof(SaveInterval), SaveInterval, "SaveInterval must be positive.");
        if (KeepLast is < 1) throw new ArgumentOutOfRangeException(nameof(KeepLast), KeepLast, "KeepLast must be at least 1 (or null to keep every step).");
        if (KeepBest < 0) throw new ArgumentOutOfRangeException(nameof(KeepBest), KeepBest, "KeepBest must not be negative.");
        if (KeepEvery is <= 0) throw new ArgumentOutOfRangeException(nameof(KeepEvery), KeepEvery, "KeepEvery must be positive (or null).");
        if (BestMetric is { Length: 0 }) throw new ArgumentException("BestMetric must not be empty (use null for none).", nameof(BestMetric));
        if (LockLeaseDuration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LockLeaseDuration), LockLeaseDuration, "LockLeaseDuration must be positive.");
        if (LockWait < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LockWait), LockWait, "LockWait must not be negative.");
        Sharding?.Validate();
    }
}
