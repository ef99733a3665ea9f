namespace Checkpoint.Management;

/// <summary>
/// Decides which committed steps retention deletes: every step not kept by a rule. A step is kept when it is
/// one of the last N, one of the best K by the metric, divisible by keep-every, without the metric under
/// <see cref="MissingMetricPolicy.Keep"/>, or protected (the step just saved and the newest intact step).
/// </summary>
internal static class RetentionPolicy
{
    public static IReadOnlyList<long> StepsToDelete(
        IReadOnlyList<StepManifest> committed, CheckpointManagerOptions options, IReadOnlySet<long> protectedSteps)
    {
        var keep = new HashSet<long>(protectedSteps);
        var byStep = committed.OrderByDescending(m => m.Step).ToList();

        if (options.KeepLast is not { } last) return [];
        foreach (var manifest in byStep.Take(last)) keep.Add(manifest.Step);

        if (options.BestMetric is { } metric)
        {
            foreach (var manifest in BestFirst(committed, metric, options.BestMode).Take(options.KeepBest)) keep.Add(manifest.Step);
            if (options.MissingMetric == MissingMetricPolicy.Keep)
            {
                foreach (var manifest in committed.Where(m => MetricOf(m, metric) is null)) keep.Add(manifest.Step);
            }
        }

        if (options.KeepEvery is { } every)
        {
            foreach (var manifest in committed.Where(m => m.Step % every == 0)) keep.Add(manifest.Step);
        }

        return byStep.Where(m => !keep.Contains(m.Step)).Select(m => m.Step).OrderBy(s => s).ToList();
    }

    /// <summary>Steps with a usable value of <paramref name="metric"/>, best first; ties go to the newer step.</summary>
    public static IEnumerable<StepManifest> BestFirst(IEnumerable<StepManifest> manifests, string metric, MetricMode mode)
    {
        var ranked = manifests.Where(m => MetricOf(m, metric) is not null);
        var ordered = mode == MetricMode.Min
            ? ranked.OrderBy(m => MetricOf(m, metric)!.Value)
            : ranked.OrderByDescending(m => MetricOf(m, metric)!.Value);
        return ordered.ThenByDescending(m => m.Step);
    }

    /// <summary>The metric's value, or null when absent or NaN (a NaN loss is never the best).</summary>
    public static double? MetricOf(StepManifest manifest, string metric) =>
        manifest.Metrics.TryGetValue(metric, out var value) && !double.IsNaN(value) ? value : null;
}
