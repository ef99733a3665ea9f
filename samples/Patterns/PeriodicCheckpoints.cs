using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Periodic Checkpoints" — save at regular intervals during training.</summary>
internal static class PeriodicCheckpoints
{
    public static void Run(string dir)
    {
        const int saveInterval = 5;
        var run = TrainingRun.Start();
        for (var epoch = 0; epoch < 10; epoch++)
        {
            var loss = run.TrainEpoch();
            if ((epoch + 1) % saveInterval == 0)
            {
                run.Save(Path.Combine(dir, $"epoch_{epoch + 1}.msgpack"));
                Console.WriteLine($"   epoch {epoch + 1}: loss={loss:F4}, checkpoint saved");
            }
        }

        // Each checkpoint has its sha256 sidecar (TrainingCheckpoint writes one by default); list the checkpoints.
        var files = Directory.GetFiles(dir, "*.msgpack").Select(Path.GetFileName).Order().ToArray();
        Check.That(files.SequenceEqual(["epoch_10.msgpack", "epoch_5.msgpack"]), "one file per interval");
        var net = TrainingCheckpoint.LoadModel<Mlp>(Path.Combine(dir, "epoch_10.msgpack")).Model;
        Check.That(Check.SameParams(run.Model, net), "the last checkpoint holds the final weights");
    }
}
