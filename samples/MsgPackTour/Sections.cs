using Checkpoint;

namespace MsgPackTour;

internal static class Sections
{
    public static void SimpleStructures(string dir, Checks checks)
    {
        Console.WriteLine("Simple data structures");
        var modelData = new Dictionary<string, object?>
        {
            ["weights"] = new NdArray<float>([1f, 2f, 3f, 4f], 2, 2),
            ["bias"] = new NdArray<float>([0.1f, 0.2f], 2),
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 0.001, ["batch_size"] = 32 },
        };
        var path = MsgPackCheckpoint.Save(Path.Combine(dir, "model_checkpoint.msgpack"), modelData);

        var loaded = MsgPackCheckpoint.LoadStateDict(path);
        var weights = (TensorNode)loaded["weights"];
        checks.That(TensorShape.Format(weights.Tensor.Shape) == "(2, 2)", $"weights shape {TensorShape.Format(weights.Tensor.Shape)}");
        checks.That(((IntegerNode)loaded.GetPath("config.batch_size")).Value == 32, "config.batch_size is 32");
    }

    public static void Templates(string dir, Checks checks)
    {
        Console.WriteLine("Templates");
        var path = Path.Combine(dir, "model_checkpoint.msgpack");
        var template = new Dictionary<string, object?>
        {
            ["weights"] = NdArray<float>.Zeros(2, 2),
            ["bias"] = NdArray<float>.Zeros(2),
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 0.0, ["batch_size"] = 0 },
        };
        var restored = MsgPackCheckpoint.Restore(path, template);
        var config = (Dictionary<string, object?>)restored["config"]!;
        checks.That(((NdArray<float>)restored["weights"]!)[1, 1] == 4f, "weights restored into the template's tensor");
        checks.That(config["batch_size"] is 32, "batch_size restored as an int");
    }

    public static void Models(string dir, Checks checks)
    {
        Console.WriteLine("Models (brainstate-style state)");
        var model = new SimpleModel();
        var checkpoint = new Dictionary<string, object?>
        {
            ["model_state"] = model.ToStateDict(StateKinds.Persistent),
            ["training_step"] = 1000,
            ["epoch"] = 10,
        };
        var path = MsgPackCheckpoint.Save(Path.Combine(dir, "model_state.msgpack"), checkpoint);

        var fresh = new SimpleModel();
        fresh.Weight.AsSpan().Clear();
        var template = new Dictionary<string, object?> { ["model_state"] = fresh, ["training_step"] = 0, ["epoch"] = 0 };
        var restored = MsgPackCheckpoint.Restore(path, template);
        checks.That(restored["epoch"] is 10 && restored["training_step"] is 1000, "restored to epoch 10, step 1000");
        checks.That(fresh.Weight.Equals(model.Weight), "model weights restored in place");
    }

    public static void CustomTypes(string dir, Checks checks)
    {
        Console.WriteLine("Custom object serialization");
        if (!MsgPackCheckpoint.IsRegistered<CustomLayer>())
        {
            MsgPackCheckpoint.Register<CustomLayer>(
                layer => new Dictionary<string, object?>
                {
                    ["input_size"] = layer.InputSize,
                    ["output_size"] = layer.OutputSize,
                    ["weights"] = layer.Weights,
                    ["bias"] = layer.Bias,
                },
                (_, saved, _) => new CustomLayer(
                    (int)((IntegerNode)saved["input_size"]).Value,
                    (int)((IntegerNode)saved["output_size"]).Value)
                {
                    Weights = (NdArray<double>)((TensorNode)saved["weights"]).Tensor,
                    Bias = (NdArray<double>)((TensorNode)saved["bias"]).Tensor,
                });
        }

        var data = new Dictionary<string, object?>
        {
            ["my_layer"] = new CustomLayer(10, 5),
            ["metadata"] = new Dictionary<string, object?> { ["version"] = "1.0" },
        };
        var path = MsgPackCheckpoint.Save(Path.Combine(dir, "custom_layer.msgpack"), data);
        var template = new Dictionary<string, object?>
        {
            ["my_layer"] = new CustomLayer(10, 5),
            ["metadata"] = new Dictionary<string, object?> { ["version"] = "" },
        };
        var loaded = MsgPackCheckpoint.Restore(path, template);
        var layer = (CustomLayer)loaded["my_layer"]!;
        checks.That(TensorShape.Format(layer.Weights.Shape) == "(10, 5)", $"layer weights shape {TensorShape.Format(layer.Weights.Shape)}");
    }

    public static void MismatchHandling(string dir, Checks checks)
    {
        Console.WriteLine("Mismatch handling");
        var original = new Dictionary<string, object?>
        {
            ["layer1"] = Layer(5, 3, 1f),
            ["layer2"] = Layer(3, 2, 1f),
            ["config"] = new Dictionary<string, object?> { ["lr"] = 0.01 },
        };
        var path = MsgPackCheckpoint.Save(Path.Combine(dir, "original.msgpack"), original);

        Dictionary<string, object?> NewModel() => new()
        {
            ["layer1"] = Layer(5, 3, 0f),
            ["layer2"] = Layer(3, 2, 0f),
            ["layer3"] = Layer(2, 1, 7f),
            ["config"] = new Dictionary<string, object?> { ["lr"] = 0.001, ["momentum"] = 0.9 },
        };

        try
        {
            MsgPackCheckpoint.Restore(path, NewModel(), Mismatch.Error);
            checks.That(false, "error mode throws");
        }
        catch (StateMismatchException e)
        {
            Console.WriteLine("    " + e.Message.Replace("\n", "\n    "));
            checks.That(e.Report.Missing.Any(p => p.Path == "layer3"), "error mode names the missing layer3");
        }

        var warned = MsgPackCheckpoint.Restore(path, NewModel(), new LoadOptions { Mismatch = Mismatch.Warn }, out var report);
        var layer3 = (Dictionary<string, object?>)warned["layer3"]!;
        checks.That(((NdArray<float>)layer3["weights"]!)[0, 0] == 7f, "warn mode keeps layer3 from the target");
        checks.That(report.Problems.Count == 2, $"warn mode reports {report.Problems.Count} problems (layer3, config.momentum)");

        var ignored = MsgPackCheckpoint.Restore(path, NewModel(), Mismatch.Ignore);
        var layer1 = (Dictionary<string, object?>)ignored["layer1"]!;
        checks.That(((NdArray<float>)layer1["weights"]!)[0, 0] == 1f, "ignore mode loads what matches");
    }

    public static async Task AsyncSaves(string dir, Checks checks)
    {
        Console.WriteLine("Async checkpointing");
        var large = new Dictionary<string, object?>
        {
            ["embeddings"] = NdArray<float>.Full(1f, 1000, 512),
            ["step"] = 5000,
        };
        await using var saver = new AsyncCheckpointer();
        var path = Path.Combine(dir, "large_model.msgpack");
        saver.Save(path, large);
        // Training may change the data as soon as Save returns: the file gets the snapshot.
        ((NdArray<float>)large["embeddings"]!).AsSpan().Fill(2f);
        await saver.WaitAsync();
        var saved = (TensorNode)MsgPackCheckpoint.LoadStateDict(path)["embeddings"];
        checks.That(((NdArray<float>)saved.Tensor)[999, 511] == 1f, "the file holds the values at the time of Save");
    }

    public static void Quantities(string dir, Checks checks)
    {
        Console.WriteLine("Physical units");
        var physics = new Dictionary<string, object?>
        {
            ["time_constant"] = 10.0 * Units.ms,
            ["resistance"] = 100.0 * Units.mohm,
            ["capacitance"] = 200.0 * Units.pF,
            ["voltage_threshold"] = -50.0 * Units.mV,
        };
        var path = MsgPackCheckpoint.Save(Path.Combine(dir, "physics_model.msgpack"), physics);
        var template = new Dictionary<string, object?>(physics);
        var loaded = MsgPackCheckpoint.Restore(path, template);
        var tau = (Quantity)loaded["time_constant"]!;
        Console.WriteLine($"    time constant: {tau}, in seconds: {tau.ValueIn(Units.s)}");
        checks.That(tau.Unit == Units.ms && tau.Value == 10.0, "units preserved");
    }

    public static void MissingFile(string dir, Checks checks)
    {
        Console.WriteLine("Error handling");
        try
        {
            MsgPackCheckpoint.Load(Path.Combine(dir, "nonexistent_checkpoint.msgpack"));
            checks.That(false, "a missing file throws");
        }
        catch (CheckpointNotFoundException e)
        {
            checks.That(e.Message.StartsWith("Checkpoint not found: "), e.Message);
        }
    }

    private static Dictionary<string, object?> Layer(int rows, int columns, float value) => new()
    {
        ["weights"] = NdArray<float>.Full(value, rows, columns),
        ["bias"] = NdArray<float>.Zeros(columns),
    };
}
