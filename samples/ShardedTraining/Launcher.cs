using System.Diagnostics;
using Checkpoint;
using Checkpoint.Management;
using Checkpoint.Samples;
using Checkpoint.Storage;

namespace ShardedTraining;

/// <summary>
/// Starts the ranks, averages their gradients every step (the job's all-reduce), optionally kills rank 2 with
/// SIGKILL in the middle of a sharded save, and at the end verifies every checkpoint of the storage and restores
/// the newest one in this process (a world size of 1: resharding from 4 shards).
/// </summary>
internal static class Launcher
{
    private const int Victim = 2;

    public static async Task<int> RunAsync(Options options)
    {
        var storage = StorageLocation.Parse(options.Storage);
        await storage.PrepareAsync();
        Console.WriteLine($"checkpoints in {storage.Location}");
        if (!options.Resume && CheckpointManager.VerifyStorage(storage).Count > 0)
        {
            Console.Error.WriteLine($"{storage.Location} already holds checkpoints: pass --resume to continue them, or another --storage");
            return 1;
        }

        var workers = Enumerable.Range(0, Options.WorldSize).Select(rank => Start(options, rank)).ToList();
        string? finalLoss;
        try
        {
            var starts = workers.Select(w => Expect(w, "start")).ToList();
            if (starts.Any(s => s is null)) return Failed("a rank could not open the storage");
            if (starts.Distinct().Count() != 1) return Failed($"the ranks restored different steps: {string.Join(", ", starts)}");
            var first = int.Parse(starts[0]!, System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine(first == 0 ? "4 ranks, fresh start" : $"4 ranks resumed from step {first - 1}");
            foreach (var worker in workers) worker.StandardInput.WriteLine("go");

            for (var step = first; step < options.Steps; step++)
            {
                var (loss, average) = AllReduce(workers);
                if (average is null) return Failed($"a rank stopped at step {step}");
                foreach (var worker in workers) worker.StandardInput.WriteLine($"avg {Wire.F(loss)} {Wire.Floats([average])}");
                if (step % options.SaveEvery != 0 && step != options.Steps - 1) continue;

                if (step == options.KillAt)
                {
                    // The ranks are writing their shards of this step: rank 2 dies in the middle.
                    Thread.Sleep(20);
                    workers[Victim].Kill();
                    Console.WriteLine($"step {step}: killed rank {Victim} (SIGKILL) during the sharded save; the others abandon it");
                    foreach (var (worker, rank) in workers.Select((w, r) => (w, r)).Where(p => p.r != Victim))
                        Console.WriteLine($"  rank {rank}: {Expect(worker, "failed", "saved") ?? "exited"}");
                    Console.WriteLine("run again with --resume");
                    return 3;
                }

                var saved = workers.Select(w => Expect(w, "saved", "failed")).ToList();
                if (saved.Any(s => s is null || s.Contains(':'))) return Failed($"the save of step {step} failed: {saved.First(s => s is null || s.Contains(':'))}");
                Console.WriteLine($"step {step,3}: loss {Wire.F(loss)}, saved (4 shards)");
            }

            var finals = workers.Select(w => Expect(w, "done")).ToList();
            foreach (var worker in workers) worker.WaitForExit();
            if (finals.Distinct().Count() != 1) return Failed($"the replicas diverged: validation losses {string.Join(", ", finals)}");
            Console.WriteLine($"done: validation loss {finals[0]} on every rank");
            finalLoss = finals[0];
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited) worker.Kill();
                worker.Dispose();
            }
        }

        return Verify(storage, finalLoss);
    }

    // Every step of the storage verified (manifest, every shard's size and XxHash128), then the newest restored here:
    // it must be the model the ranks finished with.
    private static int Verify(ObjectStorage storage, string? finalLoss)
    {
        var steps = CheckpointManager.VerifyStorage(storage);
        foreach (var step in steps)
            Console.WriteLine($"verify step {step.Step}: {(step.IsIntact ? $"intact ({step.Manifest!.Files.Count} files, {step.Manifest.Sharding?.WorldSize ?? 1} shard(s) per part)" : "CORRUPT: " + step.Summary)}");
        if (steps.Count == 0 || steps.Any(s => !s.IsIntact)) return 1;

        using var manager = new CheckpointManager(storage);
        var model = new Mlp(4, 16, 2, seed: 7);
        var optimizer = new Adam(model);
        var restored = manager.Restore(model, optimizer);
        var validation = Training.MakeData(128, 4, 2, TrainingRun.DataSeed + 1);
        var loss = Wire.F(Training.Loss(model, validation));
        Console.WriteLine($"restored step {restored.Step} in one process from {restored.Manifest.Sharding!.WorldSize} shards: validation loss {loss}, {optimizer.Step} optimizer updates");
        if (loss == finalLoss) return 0;
        Console.Error.WriteLine($"ShardedTraining: the restored model's validation loss {loss} is not the trained model's {finalLoss}");
        return 1;
    }

    private static (float Loss, float[]? Average) AllReduce(List<Process> workers)
    {
        float[]? sum = null;
        var loss = 0f;
        foreach (var worker in workers)
        {
            var line = Expect(worker, "grad");
            if (line?.Split(' ') is not [_, var part, var base64]) return (0, null);
            var gradient = Wire.Floats(base64);
            sum ??= new float[gradient.Length];
            for (var i = 0; i < sum.Length; i++) sum[i] += gradient[i] / workers.Count;
            loss += Wire.ParseFloat(part) / workers.Count;
        }

        return (loss, sum);
    }

    // The rest of the next line that starts with one of the words (the word itself for "failed", to keep its reason), or null at the end.
    private static string? Expect(Process worker, params string[] words)
    {
        while (worker.StandardOutput.ReadLine() is { } line)
        {
            foreach (var word in words)
            {
                if (!line.StartsWith(word + " ", StringComparison.Ordinal)) continue;
                return word == "failed" ? line : line[(word.Length + 1)..];
            }

            Console.WriteLine($"  (rank output) {line}");
        }

        return null;
    }

    private static int Failed(string why)
    {
        Console.Error.WriteLine($"ShardedTraining: {why}");
        return 1;
    }

    private static Process Start(Options options, int rank)
    {
        // This program again: the apphost when run as one, else through dotnet.
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(Launcher).Assembly.Location } }
            : new ProcessStartInfo(self);
        foreach (var argument in options.WorkerArguments(rank)) start.ArgumentList.Add(argument);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        return Process.Start(start)!;
    }
}
