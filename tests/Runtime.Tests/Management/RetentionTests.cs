using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class RetentionTests
{
    private static List<long> Run(CheckpointManagerOptions options, IEnumerable<(long Step, double? Loss)> saves)
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path, options);
        foreach (var (step, loss) in saves)
            manager.Save(step, new FilledModel(4).Fill(step), metrics: loss is { } l ? Metric("loss", l) : null);
        var onDisk = Entries(dir.Path).Where(e => e.StartsWith("step_")).Select(e => long.Parse(e[5..])).ToList();
        Assert.Equal(onDisk, manager.Steps);
        return onDisk;
    }

    // Losses with distinct values in no particular order: step s has loss Losses[s].
    private static readonly double[] Losses = [5.0, 3.0, 8.0, 1.0, 9.0, 4.0, 7.0, 2.0, 6.0, 0.5];

    private static IEnumerable<(long, double?)> TenSteps() => Losses.Select((loss, step) => ((long)step, (double?)loss));

    [Fact]
    public void KeepLastKeepsTheNewestSteps()
    {
        Assert.Equal([7L, 8, 9], Run(new CheckpointManagerOptions { KeepLast = 3 }, TenSteps()));
    }

    [Fact]
    public void WithoutKeepLastEveryStepIsKept()
    {
        Assert.Equal(10, Run(new CheckpointManagerOptions(), TenSteps()).Count);
    }

    [Theory]
    [InlineData(MetricMode.Min)]
    [InlineData(MetricMode.Max)]
    public void KeepBestKeepsTheBestStepsByTheMetric(MetricMode mode)
    {
        var options = new CheckpointManagerOptions { KeepLast = 1, BestMetric = "loss", BestMode = mode, KeepBest = 2 };
        // Expected from the losses: the two smallest (or largest) values, independently of the manager's ranking.
        var ranked = Losses.Select((loss, step) => (loss, step: (long)step)).OrderBy(p => mode == MetricMode.Min ? p.loss : -p.loss).ToList();
        var expected = ranked.Take(2).Select(p => p.step).Append(9L).Distinct().Order().ToList();

        Assert.Equal(expected, Run(options, TenSteps()));
    }

    [Fact]
    public void BestStepFollowsTheMetricAndRestoreBestUsesIt()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { BestMetric = "acc", BestMode = MetricMode.Max });
        manager.Save(1, new FilledModel().Fill(1), metrics: Metric("acc", 0.5));
        manager.Save(2, new FilledModel().Fill(2), metrics: Metric("acc", 0.9));
        manager.Save(3, new FilledModel().Fill(3), metrics: Metric("acc", 0.7));
        Assert.Equal(2, manager.BestStep);
        var model = new FilledModel();
        var result = manager.Restore(model, selection: CheckpointSelection.Best);
        Assert.Equal(2, result.Step);
        Assert.Equal(2, model.Value());
        Assert.Contains("acc", result.Reason);

        // The best is damaged: the next-best is restored instead.
        FlipBit(Path.Combine(StepDir(dir.Path, 2), "model.msgpack"), 30);
        result = manager.Restore(model, selection: CheckpointSelection.Best);
        Assert.Equal(3, result.Step);
        Assert.True(result.FellBack);
    }

    [Fact]
    public void KeepEveryKeepsMultiplesForever()
    {
        var options = new CheckpointManagerOptions { KeepLast = 2, KeepEvery = 4 };
        Assert.Equal([0L, 4, 8, 9], Run(options, TenSteps()));
    }

    [Fact]
    public void StepsWithoutTheMetricAreNeverBestOrKeptByPolicy()
    {
        var saves = new (long, double?)[] { (1, null), (2, 3.0), (3, null), (4, double.NaN), (5, 9.0), (6, null) };
        var neverBest = new CheckpointManagerOptions { KeepLast = 1, BestMetric = "loss", KeepBest = 1 };
        Assert.Equal([2L, 6], Run(neverBest, saves));

        var keep = neverBest with { MissingMetric = MissingMetricPolicy.Keep };
        Assert.Equal([1L, 2, 3, 4, 6], Run(keep, saves));
    }

    [Fact]
    public void RetentionNeverDeletesTheNewestIntactStepWhenResumingFromAnOlderOne()
    {
        using var dir = new TempDirectory();
        using (var first = new CheckpointManager(dir.Path))
        {
            for (var s = 1; s <= 6; s++) first.Save(s, new FilledModel().Fill(s));
        }

        // Step 6 is damaged; step 5 is the newest intact one. A run resumed from step 2 saves step 3 again.
        FlipBit(Path.Combine(StepDir(dir.Path, 6), "model.msgpack"), 20);
        using var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { KeepLast = 1 });
        manager.Save(3, new FilledModel().Fill(3));

        Assert.Contains(5L, manager.Steps);
        Assert.Contains(3L, manager.Steps);
        var model = new FilledModel();
        Assert.Equal(5, manager.Restore(model).Step);
        Assert.Equal(5, model.Value());
    }

    [Fact]
    public void BestStepsSurviveAsLongAsTheyAreBest()
    {
        var options = new CheckpointManagerOptions { KeepLast = 2, BestMetric = "loss", KeepBest = 1 };
        var saves = new (long, double?)[] { (1, 0.1), (2, 5), (3, 4), (4, 3), (5, 2) };
        Assert.Equal([1L, 4, 5], Run(options, saves));
    }
}
