using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Pattern 1: Training Session Manager" — latest and best checkpoints, restore epoch and best metric.</summary>
internal static class TrainingSession
{
    public static void Run(string dir)
    {
        var latest = Path.Combine(dir, "checkpoint_latest.msgpack");
        var bestPath = Path.Combine(dir, "checkpoint_best.msgpack");
        var run = TrainingRun.Start();
        var best = double.PositiveInfinity;
        for (var epoch = 0; epoch < 4; epoch++)
        {
            run.TrainEpoch();
            double metric = run.ValidationLoss();
            if (metric < best) best = metric;
            var metadata = new StateDict { ["best_metric"] = best };
            run.Save(latest, metadata);
            if (metric == best) File.Copy(latest, bestPath, overwrite: true);
        }

        var restored = TrainingRun.Resume(latest);
        var restoredBest = ((FloatNode)TrainingCheckpoint.ReadMetadata(latest)["best_metric"]).Value;
        Console.WriteLine($"   restored from epoch {restored.Epoch + 1}, best metric {restoredBest:F4}");
        Check.That(restored.Epoch == run.Epoch && restoredBest == best, "epoch and best metric restored");
        Check.That(Check.SameParams(run.Model, restored.Model), "latest weights restored");
    }
}
