namespace Checkpoint.Management;

/// <summary>Which direction of a metric is better, for keeping and restoring the best checkpoints.</summary>
public enum MetricMode
{
    /// <summary>Smaller is better (loss, error).</summary>
    Min,

    /// <summary>Larger is better (accuracy, reward).</summary>
    Max,
}
