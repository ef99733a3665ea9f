namespace Checkpoint.Management;

/// <summary>
/// Which rank of a sharded save this process is, and how the ranks split the state (<see cref="CheckpointManagerOptions.Sharding"/>;
/// the protocol is in <c>docs/sharding.md</c>). Every rank must use the same <see cref="WorldSize"/> and assignment.
/// </summary>
public sealed record ShardingOptions
{
    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> − 1. Rank 0 coordinates: it locks the storage and commits.</summary>
    public required int Rank { get; init; }

    /// <summary>How many processes save each step.</summary>
    public required int WorldSize { get; init; }

    /// <summary>
    /// How long a rank waits for the others (to join a save, to write their shards, for the commit) before the save
    /// is abandoned: no step appears and <c>Save</c> throws on every rank that notices. Default 5 minutes.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a waiting rank looks at the storage (one listing or read per look). Default 200 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Explicit assignment: the rank that saves each leaf, by its dotted path (<c>encoder.weight</c>); every rank must
    /// use the same function. Null (the default) splits the leaves by size, the largest first, each to the rank with
    /// the fewest bytes so far: the same split on every rank that holds the same state (data-parallel replicas).
    /// </summary>
    public Func<string, int>? Assign { get; init; }

    /// <summary>
    /// This rank's part by path filter instead: the leaves whose dotted path passes it. Use it when each rank holds
    /// only its own part (model parallel); no two ranks may save the same path (the commit refuses overlaps).
    /// </summary>
    public Func<string, bool>? PathFilter { get; init; }

    internal void Validate()
    {
        if (WorldSize < 1) throw new ArgumentOutOfRangeException(nameof(WorldSize), WorldSize, "WorldSize must be at least 1.");
        if (Rank < 0 || Rank >= WorldSize) throw new ArgumentOutOfRangeException(nameof(Rank), Rank, $"Rank must be between 0 and WorldSize - 1 ({WorldSize - 1}).");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be positive.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
    }
}
