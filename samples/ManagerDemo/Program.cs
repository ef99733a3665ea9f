using Checkpoint.Management;
using System.Globalization;
using Checkpoint;
using ManagerDemo;

// A training loop with a CheckpointManager: a checkpoint every 10 steps, the last 3 kept, the best one by
// validation loss kept, every 50th step kept forever.
//
//   dotnet run --project samples/ManagerDemo                                   train 100 steps in a new directory
//   dotnet run --project samples/ManagerDemo -- --dir D --crash-after 47       ... and die (FailFast) at step 47
//   dotnet run --project samples/ManagerDemo -- --dir D --resume               continue from the newest intact step
const int Inputs = 4;
const int TotalSteps = 100;
float[] trueWeights = [3f, -2f, 0.5f, 1f];
const float TrueBias = -1f;

var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: ManagerDemo [--dir DIR] [--crash-after STEP] [--resume]");
    return 2;
}

var directory = options.Value.Directory ?? Path.Combine(Path.GetTempPath(), "checkpoint-manager-demo-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"checkpoints in {directory}");

var model = new Regressor(Inputs);
var optimizer = new Momentum(Inputs + 1);
var managerOptions = new CheckpointManagerOptions
{
    SaveInterval = 10,
    KeepLast = 3,
    BestMetric = "val_loss",
    BestMode = MetricMode.Min,
    KeepBest = 1,
    KeepEvery = 50,
};

long start = 0;
using (var manager = new CheckpointManager(directory, managerOptions))
{
    if (options.Value.Resume)
    {
        var restored = manager.TryRestore(model, optimizer);
        if (restored is null)
        {
            Console.WriteLine("--resume: no checkpoint yet, starting from scratch");
        }
        else
        {
            Console.WriteLine($"resumed: {restored.Reason}; val_loss {restored.Metrics["val_loss"]:F4}, {optimizer.Updates} optimizer updates so far");
            start = restored.Step + 1;
        }
    }
    else if (manager.LatestStep is { } latest)
    {
        Console.Error.WriteLine($"{directory} already holds step {latest}: pass --resume to continue it, or another --dir");
        return 1;
    }

    for (var step = start; step <= TotalSteps; step++)
    {
        var trainLoss = TrainStep(step);
        if (options.Value.CrashAfter is { } crash && step == crash)
        {
            Console.WriteLine($"step {step}: simulated crash (Environment.FailFast); run again with --resume");
            Environment.FailFast($"ManagerDemo: simulated crash at step {step}");
        }

        if (!manager.ShouldSave(step)) continue;
        var validation = ValidationLoss();
        manager.Save(step, model, optimizer,
            metrics: new Dictionary<string, double> { ["val_loss"] = validation, ["train_loss"] = trainLoss },
            metadata: new Dictionary<string, object?> { ["learning_rate"] = optimizer.LearningRate, ["sample"] = "ManagerDemo" });
        Console.WriteLine($"step {step,3}: train {trainLoss:F4}, val {validation:F4} -> saved; on disk: {string.Join(", ", manager.Steps)} (best {manager.BestStep})");
    }

    Console.WriteLine($"done. latest step {manager.LatestStep}, best step {manager.BestStep}");
    var best = new Regressor(Inputs);
    var result = manager.Restore(best, selection: CheckpointSelection.Best);
    var weights = string.Join(", ", best.Weight.Data.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)));
    Console.WriteLine($"best model ({result.Reason}): weights [{weights}], bias {best.Bias:F3} (truth [{string.Join(", ", trueWeights)}], {TrueBias})");
}

return 0;

// One SGD step on a batch drawn from a seed that depends only on the step, so a resumed run sees the same data.
float TrainStep(long step)
{
    var random = new Random((int)step);
    var weightGradient = new float[Inputs];
    float biasGradient = 0, loss = 0;
    const int Batch = 16;
    for (var n = 0; n < Batch; n++)
    {
        var (x, y) = Sample(random);
        var error = model.Predict(x) - y;
        loss += error * error / Batch;
        for (var i = 0; i < Inputs; i++) weightGradient[i] += 2 * error * x[i] / Batch;
        biasGradient += 2 * error / Batch;
    }

    optimizer.Step(model, weightGradient, biasGradient);
    return loss;
}

double ValidationLoss()
{
    var random = new Random(-1);
    double loss = 0;
    for (var n = 0; n < 64; n++)
    {
        var (x, y) = Sample(random);
        var error = model.Predict(x) - y;
        loss += error * error / 64;
    }

    return loss;
}

(float[] X, float Y) Sample(Random random)
{
    var x = new float[Inputs];
    var y = TrueBias + (float)(random.NextDouble() - 0.5) * 0.1f;
    for (var i = 0; i < Inputs; i++)
    {
        x[i] = (float)(random.NextDouble() * 2 - 1);
        y += trueWeights[i] * x[i];
    }

    return (x, y);
}

static (string? Directory, long? CrashAfter, bool Resume)? ParseArguments(string[] args)
{
    string? directory = null;
    long? crashAfter = null;
    var resume = false;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--dir" when i + 1 < args.Length:
                directory = args[++i];
                break;
            case "--crash-after" when i + 1 < args.Length && long.TryParse(args[i + 1], out var step):
                crashAfter = step;
                i++;
                break;
            case "--resume":
                resume = true;
                break;
            default:
                return null;
        }
    }

    return (directory, crashAfter, resume);
}
