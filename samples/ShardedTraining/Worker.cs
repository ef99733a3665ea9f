using Checkpoint;
using Checkpoint.Management;
using Checkpoint.Samples;
using Checkpoint.Storage;

namespace ShardedTraining;

/// <summary>
/// One rank: a replica of the model trained on its share of every batch, with gradients averaged by the launcher,
/// and a CheckpointManager whose saves are sharded: this rank writes its part of the model and optimizer state as
/// its own shard file; rank 0 locks the storage and commits each step.
/// </summary>
internal static class Worker
{
    private const int Batch = 32;

    public static int Run(Options options, int rank)
    {
        var storage = StorageLocation.Parse(options.Storage);
        var managerOptions = new CheckpointManagerOptions
        {
            SaveInterval = options.SaveEvery,
            KeepLast = 3,
            BestMetric = "loss",
            LockLeaseDuration = TimeSpan.FromSeconds(15),
            LockWait = TimeSpan.FromSeconds(30), // a restarted rank 0 waits out the lease of a killed one (object stores)
            // The timeout bounds the whole save, the first one's JIT and a busy CI machine included; the run with a
            // killed rank waits it out once before the others abandon the step.
            Sharding = new ShardingOptions { Rank = rank, WorldSize = Options.WorldSize, Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(50) },
        };
        using var manager = new CheckpointManager(storage, managerOptions);
        var model = new Mlp(4, 16, 2, seed: 7);
        var optimizer = new Adam(model, learningRate: 0.02f);
        var data = Training.MakeData(512, 4, 2, TrainingRun.DataSeed);
        var validation = Training.MakeData(128, 4, 2, TrainingRun.DataSeed + 1);

        // Every rank restores the same newest intact step: all shards, whatever the number of ranks that saved them.
        var restored = manager.TryRestore(model, optimizer);
        Console.WriteLine($"start {(restored?.Step ?? -1) + 1}");
        if (Console.ReadLine() != "go") return 5;

        var paths = model.States(StateKinds.Param).Select(e => e.Path).ToList();
        for (var step = (restored?.Step ?? -1) + 1; step < options.Steps; step++)
        {
            // The batch depends only on the step, so a resumed run sees the same data; this rank takes every 4th sample.
            var rng = new Xoshiro128((ulong)step + 1);
            var batch = Enumerable.Range(0, Batch).Select(_ => rng.NextInt(data.Inputs.Length)).Where((_, i) => i % Options.WorldSize == rank).ToList();
            var (gradients, loss) = Training.Gradients(model, data, batch);
            Console.WriteLine($"grad {step} {Wire.F(loss)} {Wire.Floats(paths.Select(p => gradients[p]))}");

            var reply = Console.ReadLine()?.Split(' ');
            if (reply is not ["avg", var meanLoss, var average]) return 5; // the launcher went away
            optimizer.Update(model, Unflatten(Wire.Floats(average), paths, gradients));
            model.SamplesSeen += Batch;

            // Every SaveEvery steps, and the last step (so the newest checkpoint is the trained model).
            var last = step == options.Steps - 1;
            if (!manager.ShouldSave(step) && !last) continue;
            try
            {
                manager.Save(step, model, optimizer, metrics: new Dictionary<string, double> { ["loss"] = Wire.ParseFloat(meanLoss) }, force: last);
            }
            catch (CheckpointException e)
            {
                Console.WriteLine($"failed {step}: {e.Message.ReplaceLineEndings(" ")}");
                return 4;
            }

            Console.WriteLine($"saved {step}");
        }

        Console.WriteLine($"done {Wire.F(Training.Loss(model, validation))}");
        return 0;
    }

    private static Dictionary<string, float[]> Unflatten(float[] flat, List<string> paths, Dictionary<string, float[]> shapes)
    {
        var result = new Dictionary<string, float[]>();
        var offset = 0;
        foreach (var path in paths)
        {
            result[path] = flat.AsSpan(offset, shapes[path].Length).ToArray();
            offset += shapes[path].Length;
        }

        return result;
    }
}
