using Checkpoint.Generated;
using Checkpoint.Management;
using Checkpoint;

// Usage: ManagerCrashChild <directory> <elements>
// Opens a CheckpointManager (keep last 3, best 1 by "loss") on <directory> and saves steps k = latest + 1, ...
// forever, each with model and optimizer tensors of <elements> float32 filled with k (so the content identifies
// the step). Prints "ready" once the manager is open and "saved k" after each committed save, until killed.
if (args.Length != 2 || !int.TryParse(args[1], out var elements))
{
    Console.Error.WriteLine("usage: ManagerCrashChild <directory> <elements>");
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
