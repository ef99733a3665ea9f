namespace Checkpoint.Management;

/// <summary>How retention treats a step saved without the best-metric (or with a NaN value for it).</summary>
public enum MissingMetricPolicy
{
    /// <summary>The step can never be one of the best; it is kept only by the last-N and keep-every rules.</summary>
    NeverBest,

    /// <summary>The step is never deleted by retention (it can still not be one of the best).</summary>
    Keep,
}
