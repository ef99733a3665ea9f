namespace Checkpoint.Management;

/// <summary>What a restore did: the step it used and why, what it skipped, and what it loaded.</summary>
public sealed record RestoreResult
{
    /// <summary>The step that was restored.</summary>
    public required long Step { get; init; }

    /// <summary>What was asked for.</summary>
    public required CheckpointSelection Requested { get; init; }

    /// <summary>True when the first candidate was corrupt and an earlier (or next-best) intact step was used instead.</summary>
    public bool FellBack => Skipped.Count > 0;

    /// <summary>Why this step was used, in words (for example <c>step 50 is corrupt (...); fell back to step 40</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>The candidates that were skipped because they were not intact, newest (or best) first.</summary>
    public required IReadOnlyList<StepVerification> Skipped { get; init; }

    /// <summary>The manifest of the restored step (time, metrics, metadata, files).</summary>
    public required StepManifest Manifest { get; init; }

    /// <summary>The metrics saved with the step.</summary>
    public IReadOnlyDictionary<string, double> Metrics => Manifest.Metrics;

    /// <summary>The metadata saved with the step.</summary>
    public IReadOnlyDictionary<string, object?> Metadata => Manifest.Metadata;

    /// <summary>What loading <c>model.msgpack</c> into the model did.</summary>
    public required LoadReport ModelReport { get; init; }

    /// <summary>What loading <c>optimizer.msgpack</c> did; null when no optimizer was given.</summary>
    public LoadReport? OptimizerReport { get; init; }

    /// <summary>The full path of the restored step directory.</summary>
    public required string StepDirectory { get; init; }
}
