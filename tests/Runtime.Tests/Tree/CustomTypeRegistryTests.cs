using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Tree;

public class CustomTypeRegistryTests
{
    // Each test registers its own type: the registry is process-wide and tests run in parallel.
    private sealed class CustomLayer(int inputSize, int outputSize)
    {
        public int InputSize { get; } = inputSize;
        public int OutputSize { get; } = outputSize;
        public NdArray<float> Weights { get; set; } = NdArray<float>.Zeros(inputSize, outputSize);
        public NdArray<float> Bias { get; set; } = NdArray<float>.Zeros(outputSize);
    }

    private sealed class Duplicate;

    private sealed class Unregistered;

    private sealed class Fragile;

    private static void RegisterCustomLayer() =>
        MsgPackCheckpoint.Register<CustomLayer>(
            layer => new Dictionary<string, object?>
            {
                ["input_size"] = layer.InputSize,
                ["output_size"] = layer.OutputSize,
                ["weights"] = layer.Weights,
                ["bias"] = layer.Bias,
            },
            (_, dict, _) =>
            {
                var restored = new CustomLayer((int)((IntegerNode)dict["input_size"]).Value, (int)((IntegerNode)dict["output_size"]).Value);
                restored.Weights = (NdArray<float>)((TensorNode)dict["weights"]).Tensor;
                restored.Bias = (NdArray<float>)((TensorNode)dict["bias"]).Tensor;
                return restored;
            },
            overrideExisting: true);

    [Fact]
    public void A_registered_type_saves_as_its_dictionary_and_restores_through_a_template()
    {
        RegisterCustomLayer();
        using var dir = new TempDirectory();
        var layer = new CustomLayer(10, 5);
        for (var i = 0; i < layer.Weights.Length; i++) layer.Weights.Data[i] = i;
        var data = new Dictionary<string, object?> { ["my_layer"] = layer, ["metadata"] = new Dictionary<string, object?> { ["version"] = "1.0" } };
        var path = MsgPackCheckpoint.Save(dir.File("custom_layer.msgpack"), data);

        var raw = MsgPackCheckpoint.LoadStateDict(path);
        Assert.Equal(["input_size", "output_size", "weights", "bias"], ((StateDict)raw["my_layer"]).Keys);

        var template = new Dictionary<string, object?> { ["my_layer"] = new CustomLayer(10, 5), ["metadata"] = new Dictionary<string, object?> { ["version"] = "" } };
        var loaded = MsgPackCheckpoint.Restore(path, template);
        var restored = Assert.IsType<CustomLayer>(loaded["my_layer"]);
        Assert.Equal([10, 5], restored.Weights.Shape);
        Assert.Equal(layer.Weights.Data, restored.Weights.Data);
        Assert.Equal("1.0", ((Dictionary<string, object?>)loaded["metadata"]!)["version"]);
    }

    [Fact]
    public void Registering_the_same_type_twice_is_an_error_unless_overriding()
    {
        MsgPackCheckpoint.Register<Duplicate>(_ => new Dictionary<string, object?>(), (d, _, _) => d);
        var error = Assert.Throws<CheckpointException>(() =>
            MsgPackCheckpoint.Register<Duplicate>(_ => new Dictionary<string, object?>(), (d, _, _) => d));
        Assert.Contains(typeof(Duplicate).FullName!.Replace('+', '.'), error.Message); // C# syntax: nested types with a dot
        Assert.Contains("overrideExisting", error.Message);

        MsgPackCheckpoint.Register<Duplicate>(_ => new Dictionary<string, object?> { ["v"] = 2 }, (d, _, _) => d, overrideExisting: true);
        Assert.Equal(2, ((IntegerNode)((StateDict)TreeConverter.FromObject(new Duplicate()))["v"]).Value);
        Assert.True(MsgPackCheckpoint.Unregister<Duplicate>());
        Assert.False(MsgPackCheckpoint.IsRegistered<Duplicate>());
    }

    [Fact]
    public void An_unregistered_type_is_refused_with_a_pointer_to_register()
    {
        var error = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(new Dictionary<string, object?> { ["x"] = new Unregistered() }));
        Assert.Contains("MsgPackCheckpoint.Register<Unregistered>", error.Message);
    }

    [Fact]
    public void A_failing_registered_conversion_is_a_mismatch_at_its_path_and_changes_nothing()
    {
        MsgPackCheckpoint.Register<Fragile>(
            _ => new Dictionary<string, object?> { ["v"] = 1 },
            (_, _, _) => throw new InvalidOperationException("no 'w' key"),
            overrideExisting: true);
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("fragile.msgpack"), new Dictionary<string, object?>
        {
            ["weights"] = NdArray<float>.Full(5f, 3),
            ["layer"] = new Fragile(),
        });
        var weights = NdArray<float>.Zeros(3);
        var template = new Dictionary<string, object?> { ["weights"] = weights, ["layer"] = new Fragile() };

        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, template));

        var problem = Assert.Single(error.Report.Mismatched);
        Assert.Equal("layer", problem.Path);
        Assert.Contains("no 'w' key", problem.Reason);
        Assert.All(weights.Data, v => Assert.Equal(0f, v));
    }
}
