namespace Checkpoint.Runtime.Tests.Files;

public class TemplateRestoreTests
{
    private static Dictionary<string, object?> Layer(float fill, int rows, int cols) => new()
    {
        ["weights"] = NdArray<float>.Full(fill, rows, cols),
        ["bias"] = NdArray<float>.Zeros(cols),
    };

    // The seed's mismatch example: the file has layer1, layer2 and config.lr; the new model adds layer3 and config.momentum.
    private static string SaveOriginal(TempDirectory dir) => MsgPackCheckpoint.Save(dir.File("original.msgpack"), new Dictionary<string, object?>
    {
        ["layer1"] = Layer(1, 5, 3),
        ["layer2"] = Layer(1, 3, 2),
        ["config"] = new Dictionary<string, object?> { ["lr"] = 0.01 },
    });

    private static Dictionary<string, object?> NewModel() => new()
    {
        ["layer1"] = Layer(0, 5, 3),
        ["layer2"] = Layer(0, 3, 2),
        ["layer3"] = Layer(0, 2, 1),
        ["config"] = new Dictionary<string, object?> { ["lr"] = 0.001, ["momentum"] = 0.9 },
    };

    private static NdArray<float> Weights(Dictionary<string, object?> tree, string layer) =>
        (NdArray<float>)((Dictionary<string, object?>)tree[layer]!)["weights"]!;

    [Fact]
    public void Error_mode_names_the_missing_keys_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        var path = SaveOriginal(dir);
        var target = NewModel();
        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, target));
        Assert.Equal(["layer3", "config.momentum"], error.Report.Missing.Select(p => p.Path));
        Assert.Contains("the target dict contains it, the state dict at path '' does not", error.Message);
        Assert.All(Weights(target, "layer1").Data, v => Assert.Equal(0f, v));
        Assert.Equal(0.001, ((Dictionary<string, object?>)target["config"]!)["lr"]);
    }

    [Theory]
    [InlineData(Mismatch.Warn)]
    [InlineData(Mismatch.Ignore)]
    public void Warn_and_ignore_restore_what_exists_and_keep_new_components(Mismatch mismatch)
    {
        using var dir = new TempDirectory();
        var path = SaveOriginal(dir);
        var target = NewModel();
        var layer3 = Weights(target, "layer3");
        var restored = MsgPackCheckpoint.Restore(path, target, LoadOptions.Default with { Mismatch = mismatch }, out var report);

        Assert.Same(target, restored);
        Assert.All(Weights(restored, "layer1").Data, v => Assert.Equal(1f, v));
        Assert.Same(layer3, Weights(restored, "layer3"));
        Assert.All(layer3.Data, v => Assert.Equal(0f, v));
        var config = (Dictionary<string, object?>)restored["config"]!;
        Assert.Equal(0.01, config["lr"]);
        Assert.Equal(0.9, config["momentum"]);
        Assert.Equal(2, report.Missing.Count());
    }

    [Fact]
    public void The_seed_template_restores_typed_values()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("model_checkpoint.msgpack"), new Dictionary<string, object?>
        {
            ["weights"] = NdArray<float>.FromData([1, 2, 3, 4], [2, 2]),
            ["bias"] = NdArray<float>.FromData([0.1f, 0.2f], [2]),
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 0.001, ["batch_size"] = 32 },
            ["training_step"] = 1000L,
            ["epoch"] = 10,
        });
        var template = new Dictionary<string, object?>
        {
            ["weights"] = NdArray<double>.Zeros(2, 2), // float32 in the file: converted losslessly
            ["bias"] = NdArray<float>.Zeros(2),
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 0.0, ["batch_size"] = 0 },
            ["training_step"] = 0,
            ["epoch"] = (short)0,
        };
        var loaded = MsgPackCheckpoint.Restore(path, template);
        Assert.Equal([1.0, 2, 3, 4], ((NdArray<double>)loaded["weights"]!).Data);
        Assert.Equal([0.1f, 0.2f], ((NdArray<float>)loaded["bias"]!).Data);
        Assert.Equal(32, ((Dictionary<string, object?>)loaded["config"]!)["batch_size"]);
        Assert.Equal(1000, loaded["training_step"]);
        Assert.Equal((short)10, loaded["epoch"]);
    }

    [Fact]
    public void Models_inside_templates_load_with_their_paths()
    {
        using var dir = new TempDirectory();
        var saved = Neuron.Filled(4);
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?>
        {
            ["model_state"] = saved, ["training_step"] = 1000, ["epoch"] = 10,
        });
        var model = new Neuron();
        var template = new Dictionary<string, object?> { ["model_state"] = model, ["training_step"] = 0, ["epoch"] = 0 };
        MsgPackCheckpoint.Restore(path, template, LoadOptions.Default, out var report);
        Assert.Equal(saved.Weight!.Data, model.Weight!.Data);
        Assert.Equal(10, template["epoch"]);
        Assert.Contains("model_state.weight", report.Loaded);
    }

    [Fact]
    public void State_dict_targets_fill_tensors_and_replace_leaves()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?>
        {
            ["w"] = NdArray<float>.Full(2, 2), ["n"] = 5, ["name"] = "lif", ["ratio"] = 0.5f, ["extra"] = true,
        });
        var w = NdArray<float>.Zeros(2);
        var target = new StateDict { { "w", w }, { "n", 0 }, { "name", "" }, { "ratio", 0f } };
        var restored = MsgPackCheckpoint.Load(path, target, LoadOptions.Default with { Mismatch = Mismatch.Warn }, out var report);
        Assert.Same(target, restored);
        Assert.Same(w, ((TensorNode)restored["w"]).Tensor);
        Assert.Equal([2f, 2f], w.Data);
        Assert.Equal(5, ((IntegerNode)restored["n"]).Value);
        Assert.Equal("lif", ((StringNode)restored["name"]).Value);
        Assert.Equal(0.5f, ((NdArray<float>)((NumpyScalarNode)restored["ratio"]).Value).Data[0]);
        Assert.Equal("extra", Assert.Single(report.Unexpected).Path);
        Assert.False(restored.ContainsKey("extra"));
    }

    [Fact]
    public void Inexact_conversions_and_wrong_kinds_are_mismatches()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?>
        {
            ["count"] = 0.5, ["name"] = 3, ["items"] = new List<object?> { 1, 2, 3 },
        });
        var template = new Dictionary<string, object?> { ["count"] = 0, ["name"] = "", ["items"] = new List<object?> { 0, 0 } };
        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, template));
        Assert.Equal(["count", "name", "items.2"], error.Report.Problems.Select(p => p.Path));
        Assert.Equal(0, template["count"]);

        MsgPackCheckpoint.Restore(path, template, Mismatch.Ignore);
        Assert.Equal(new List<object?> { 1, 2 }, template["items"]);
    }
}

public class TemplateContainerTests
{
    [Fact]
    public void Read_only_containers_restore_tensors_in_place_but_cannot_replace_leaves()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new List<object?> { NdArray<float>.Full(5f, 2), 7 });
        var tensor = NdArray<float>.Zeros(2);
        var template = new System.Collections.ObjectModel.ReadOnlyCollection<object?>([tensor, 0]);
        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, template));
        Assert.Equal("1", Assert.Single(error.Report.Problems).Path);
        Assert.Contains("read-only", error.Message);

        MsgPackCheckpoint.Restore(path, template, Mismatch.Ignore);
        Assert.Equal([5f, 5f], tensor.Data);
        Assert.Equal(0, template[1]);

        var array = new object?[] { NdArray<float>.Zeros(2), 0 };
        MsgPackCheckpoint.Restore(path, array);
        Assert.Equal(7, array[1]);
    }

    private enum SmallMode : byte
    {
        A = 1,
    }

    [Fact]
    public void Enum_values_outside_the_underlying_type_are_mismatches_not_truncated()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("modes.msgpack"), new Dictionary<string, object?> { ["fits"] = 1, ["mode"] = 300 });
        var template = new Dictionary<string, object?> { ["fits"] = SmallMode.A, ["mode"] = SmallMode.A };

        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, template));

        var problem = Assert.Single(error.Report.Mismatched);
        Assert.Equal("mode", problem.Path);
        Assert.Contains("300 does not fit SmallMode", problem.Reason);
        Assert.Equal(SmallMode.A, template["mode"]);
    }
}
