using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Partial Loading" — a name filter, counts, and transfer to a model with a new output layer.</summary>
internal static class PartialLoading
{
    public static void Run(string dir)
    {
        var pretrained = TrainingRun.Start(nOutput: 2);
        for (var i = 0; i < 2; i++) pretrained.TrainEpoch();
        var path = pretrained.Save(Path.Combine(dir, "pretrained.msgpack"));

        // Load only the encoder.
        var net = new Mlp(4, 16, 2, seed: 9);
        var report = TrainingCheckpoint.Load(path, net, options: new LoadOptions { PathFilter = name => name.StartsWith("encoder.") }).Report;
        Console.WriteLine($"   encoder only: loaded {report.LoadedCount} entries, skipped {report.SkippedCount}");
        Check.That(report.LoadedCount == 2, "two encoder parameters loaded");

        // Transfer learning: five outputs instead of two; the old head's shapes differ and are skipped.
        var transfer = new Mlp(4, 16, 5, seed: 9);
        report = TrainingCheckpoint.Load(path, transfer, options: new LoadOptions { Kinds = StateKinds.Param, SkipShapeMismatches = true }).Report;
        Console.WriteLine($"   new head: loaded {string.Join(", ", report.Loaded)}; skipped {string.Join(", ", report.Skipped)}");
        Check.That(transfer.Encoder.Weight.Data.SequenceEqual(pretrained.Model.Encoder.Weight.Data), "the encoder transferred");
        Check.That(report.Skipped.SequenceEqual(["params.head.weight", "params.head.bias"]), "the mismatched head was skipped");
    }
}
