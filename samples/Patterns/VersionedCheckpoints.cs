using System.Globalization;
using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Versioned Checkpoints" — timestamped file names, never overwritten.</summary>
internal static class VersionedCheckpoints
{
    public static string SaveVersioned(TrainingRun run, string baseDir)
    {
        var timestamp = DateTime.UtcNow.ToString("yyyyMMdd_HHmmss_fffffff", CultureInfo.InvariantCulture);
        var path = Path.Combine(baseDir, $"model_epoch{run.Epoch + 1}_{timestamp}.msgpack");
        if (File.Exists(path)) throw new IOException($"{path} exists");
        return run.Save(path, new StateDict { ["timestamp"] = timestamp });
    }

    public static void Run(string dir)
    {
        var run = TrainingRun.Start();
        var saved = new List<string>();
        for (var epoch = 0; epoch < 3; epoch++)
        {
            run.TrainEpoch();
            saved.Add(SaveVersioned(run, dir));
            Console.WriteLine($"   saved {Path.GetFileName(saved[^1])}");
        }

        // Each checkpoint has its sha256 sidecar (TrainingCheckpoint writes one by default); count the checkpoints.
        Check.That(Directory.GetFiles(dir, "*.msgpack").Length == 3, "three distinct files");
        var epochs = saved.Select(p => TrainingCheckpoint.Load(p, new Mlp(4, 16, 2)).Epoch).ToArray();
        Check.That(epochs.SequenceEqual([0, 1, 2]), "each file holds its own epoch");
    }
}
