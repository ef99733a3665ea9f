using Checkpoint.Generated;
using Checkpoint.Management;
using Checkpoint.Storage;
using Checkpoint;
using Checkpoint.TestModels;

// Usage:
//   ManagerCrashChild <directory> <elements>
//     Opens a CheckpointManager (keep last 3, best 1 by "loss") on <directory> and saves steps k = latest + 1, ...
//     forever, each with model and optimizer tensors of <elements> float32 filled with k (so the content identifies
//     the step). Prints "ready" once the manager is open and "saved k" after each committed save, until killed.
//   ManagerCrashChild shard <location> <rank> <world-size> <elements> <timeout-ms> [lease-seconds]
//     One rank of a sharded save on the storage <location> (StorageLocation.Parse: file:DIR, azure:..., s3:...).
//     Restores the newest step (printing "restored k", or "fresh"), checks that every value is k (else prints
//     "mixed k" and exits with code 3), then saves k + 1, ... forever, printing "saved k" after each step every rank
//     wrote and rank 0 committed. A save that fails (another rank died) prints "failed k: why" and starts again from
//     the newest step, as a job restarted by its launcher would, so a killed rank can be restarted alone.
if (args.Length >= 1 && args[0] == "shard") return Shard(args);
if (args.Length != 2 || !int.TryParse(args[1], out var elements))
{
    Console.Error.WriteLine("usage: ManagerCrashChild <directory> <elements> | shard <location> <rank> <world-size> <elements> <timeout-ms> [lease-seconds]");
    return 2;
}

using var manager = new CheckpointManager(args[0], new CheckpointManagerOptions { KeepLast = 3, BestMetric = "loss", KeepBest = 1 });
var model = new Filled(elements);
var optimizer = new Filled(elements / 2);
Console.WriteLine("ready");
for (var step = (manager.LatestStep ?? -1) + 1; ; step++)
{
    model.Fill(step);
    optimizer.Fill(step);
    // A loss that is best at step 7 and worse afterwards, so the best step is kept while last-N moves on.
    var loss = Math.Abs(step - 7) + 1.0;
    manager.Save(step, model, optimizer, new Dictionary<string, double> { ["loss"] = loss });
    Console.WriteLine($"saved {step}");
}

static int Shard(string[] args)
{
    if (args.Length is < 6 or > 7 || !int.TryParse(args[2], out var rank) || !int.TryParse(args[3], out var world)
        || !int.TryParse(args[4], out var elements) || !int.TryParse(args[5], out var timeoutMs))
    {
        Console.Error.WriteLine("usage: ManagerCrashChild shard <location> <rank> <world-size> <elements> <timeout-ms> [lease-seconds]");
        return 2;
    }

    var lease = TimeSpan.FromSeconds(args.Length == 7 ? int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : 60);
    var storage = StorageLocation.Parse(args[1]);
    storage.PrepareAsync().GetAwaiter().GetResult();
    var options = new CheckpointManagerOptions
    {
        KeepLast = 2,
        LockLeaseDuration = lease,
        LockWait = 3 * lease, // a restarted rank 0 waits out the lease of the one that was killed
        Sharding = new ShardingOptions { Rank = rank, WorldSize = world, Timeout = TimeSpan.FromMilliseconds(timeoutMs), PollInterval = TimeSpan.FromMilliseconds(20) },
    };
    using var manager = new CheckpointManager(storage, options);
    var model = new Layers(8, elements);
    var optimizer = new Layers(2, elements / 2);
    Console.WriteLine("ready");
    while (true)
    {
        // Every leaf of every shard must hold the step's number: a mix of two saves would show here.
        var restored = manager.TryRestore(model, optimizer);
        if (restored is not null && (!model.Holds(restored.Step) || !optimizer.Holds(restored.Step)))
        {
            Console.WriteLine($"mixed {restored.Step}");
            return 3;
        }

        Console.WriteLine(restored is null ? "fresh" : $"restored {restored.Step}");
        for (var step = (restored?.Step ?? -1) + 1; ; step++)
        {
            model.Fill(step);
            optimizer.Fill(step);
            try
            {
                manager.Save(step, model, optimizer);
            }
            catch (CheckpointException e)
            {
                // Another rank died (or was late): like a job restarted by its launcher, start again from the newest step.
                Console.WriteLine($"failed {step}: {e.Message.ReplaceLineEndings(" ")}");
                break;
            }

            Console.WriteLine($"saved {step}");
        }
    }
}

/// <summary>A model whose tensor and counter all hold the step number.</summary>
internal sealed class Filled(int elements) : IStateful
{
    private NdArray<float>? _weight = NdArray<float>.Zeros(elements);
    private long _counter;

    public void Fill(long value)
    {
        _weight!.AsSpan().Fill(value);
        _counter = value;
    }

    public void VisitState(StateVisitor visitor)
    {
        visitor.Value("weight", StateKinds.Param, ref _weight, NdArrayCodec<float>.Instance);
        visitor.Value("counter", StateKinds.LongTerm, ref _counter, ScalarCodec<long>.Instance);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState()
    {
    }
}
