namespace Checkpoint.Management;

/// <summary>Which step <see cref="CheckpointManager.Restore(IStateful, IStateful?, CheckpointSelection?, LoadOptions?, CancellationToken)"/> restores.</summary>
public sealed record CheckpointSelection
{
    private CheckpointSelection(CheckpointSelectionKind kind, long? step)
    {
        Kind = kind;
        Step = step;
    }

    /// <summary>The newest intact step (the default).</summary>
    public static CheckpointSelection Latest { get; } = new(CheckpointSelectionKind.Latest, null);

    /// <summary>The best intact step by <see cref="CheckpointManagerOptions.BestMetric"/>.</summary>
    public static CheckpointSelection Best { get; } = new(CheckpointSelectionKind.Best, null);

    /// <summary>A given step; when it is corrupt, the newest intact step before it (unless fallback is off).</summary>
    public static CheckpointSelection AtStep(long step)
    {
        StepNames.Validate(step);
        return new CheckpointSelection(CheckpointSelectionKind.Step, step);
    }

    /// <summary>What kind of selection this is.</summary>
    public CheckpointSelectionKind Kind { get; }

    /// <summary>The requested step for <see cref="CheckpointSelectionKind.Step"/>; otherwise null.</summary>
    public long? Step { get; }

    /// <summary>Whether a corrupt candidate may be replaced by the next intact one (default true).</summary>
    public bool AllowFallback { get; init; } = true;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CheckpointSelectionKind.Latest => "latest",
        CheckpointSelectionKind.Best => "best",
        _ => $"step {Step}",
    };
}

/// <summary>The kinds of <see cref="CheckpointSelection"/>.</summary>
public enum CheckpointSelectionKind
{
    /// <summary>The newest intact step.</summary>
    Latest,

    /// <summary>The best intact step by the metric.</summary>
    Best,

    /// <summary>A given step.</summary>
    Step,
}
