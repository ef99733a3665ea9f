namespace Checkpoint.Samples;

/// <summary>
/// Everything a training run needs to continue bit-for-bit: the model, Adam, the shuffling generator and the last
/// finished epoch. <see cref="Save"/> writes the standard layout; <see cref="Resume"/> rebuilds a run from it.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The data seed: the data is regenerated, not saved.</summary>
    public const ulong DataSeed = 42;

    /// <summary>The version the samples' checkpoints carry.</summary>
    public const string Version = "2.0";

    private TrainingRun(Mlp model, Xoshiro128 rng)
    {
        Model = model;
        Optimizer = new Adam(model);
        Rng = rng;
        Data = Training.MakeData(64, model.NInput, model.NOutput, DataSeed);
        Validation = Training.MakeData(32, model.NInput, model.NOutput, DataSeed + 1);
    }

    /// <summary>The network.</summary>
    public Mlp Model { get; }

    /// <summary>The optimizer.</summary>
    public Adam Optimizer { get; }

    /// <summary>The generator that shuffles each epoch.</summary>
    public Xoshiro128 Rng { get; }

    /// <summary>The training data.</summary>
    public Training.Dataset Data { get; }

    /// <summary>The validation data.</summary>
    public Training.Dataset Validation { get; }

    /// <summary>The last finished epoch (-1 before the first).</summary>
    public int Epoch { get; private set; } = -1;

    /// <summary>A fresh run.</summary>
    public static TrainingRun Start(int nInput = 4, int nHidden = 16, int nOutput = 2, ulong seed = 7) =>
        new(new Mlp(nInput, nHidden, nOutput, seed), new Xoshiro128(seed + 1000));

    /// <summary>Trains one epoch; returns the training loss.</summary>
    public float TrainEpoch()
    {
        var loss = Training.TrainEpoch(Model, Optimizer, Rng, Data);
        Epoch++;
        return loss;
    }

    /// <summary>The validation loss.</summary>
    public float ValidationLoss() => Training.Loss(Model, Validation);

    /// <summary>Saves model, optimizer, generator and epoch (the guide's <c>save_checkpoint</c>).</summary>
    public string Save(string path, StateDict? metadata = null) =>
        TrainingCheckpoint.Save(path, Model, Epoch, Optimizer, metadata, Version, step: Optimizer.Step, extra: Extras(Rng));

    /// <summary>Rebuilds a run from a checkpoint: the model from its config, then every saved state.</summary>
    public static TrainingRun Resume(string path)
    {
        var model = TrainingCheckpoint.LoadModel<Mlp>(path, version: Version).Model;
        var run = new TrainingRun(model, new Xoshiro128(0));
        var loaded = TrainingCheckpoint.Load(path, run.Model, run.Optimizer, version: Version, extra: Extras(run.Rng));
        run.Epoch = loaded.Epoch;
        return run;
    }

    private static Dictionary<string, IStateful> Extras(Xoshiro128 rng) => new() { ["rng"] = rng };
}
