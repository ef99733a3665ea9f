using System.Numerics;
using System.Text.Json;
using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Runtime.Tests.Formats;

namespace Checkpoint.Runtime.Tests.Tree;

/// <summary>
/// The typed accessors of a leaf (<c>node.AsInt64()</c>, ...) read files Python wrote exactly, and refuse, naming
/// what the node holds, anything that would not load into a member of that type.
/// </summary>
public sealed class NodeAccessorsTests
{
    private static StateDict Load(string fixture) => MsgPackCheckpoint.LoadStateDict(Path.Combine(Fixtures.Directory, fixture));

    private static JsonElement Expected(string fixture, string key) =>
        Fixtures.Entry(fixture).GetProperty("msgpack_load_no_target").GetProperty("items").GetProperty(key);

    [Fact]
    public void Python_scalars_read_as_the_values_python_wrote()
    {
        const string Fixture = "12_python_scalars.msgpack";
        var tree = Load(Fixture);

        Assert.Equal(Expected(Fixture, "i").GetProperty("value").GetInt64(), tree["i"].AsInt64());
        Assert.Equal(Expected(Fixture, "neg").GetProperty("value").GetInt32(), tree["neg"].AsInt32());
        Assert.Equal(Expected(Fixture, "big").GetProperty("value").GetInt64(), tree["big"].AsInt64());
        Assert.Equal(Expected(Fixture, "f").GetProperty("value").GetDouble(), tree["f"].AsDouble());
        Assert.Equal(Expected(Fixture, "s").GetProperty("value").GetString(), tree["s"].AsString());
        Assert.Equal(Expected(Fixture, "uni").GetProperty("value").GetString(), tree["uni"].AsString());
        Assert.Equal(Expected(Fixture, "t").GetProperty("value").GetBoolean(), tree["t"].AsBoolean());
        Assert.Equal(Expected(Fixture, "fl").GetProperty("value").GetBoolean(), tree["fl"].AsBoolean());
        // An int reads as a double when the double holds it exactly.
        Assert.Equal((double)Expected(Fixture, "i").GetProperty("value").GetInt64(), tree["i"].AsDouble());
    }

    [Fact]
    public void Numpy_scalars_read_through_their_dtype()
    {
        const string Fixture = "14_numpy_scalars.msgpack";
        var tree = Load(Fixture);

        Assert.Equal(Expected(Fixture, "f32").GetProperty("value").GetDouble(), tree["f32"].AsDouble());
        Assert.Equal(Expected(Fixture, "f64").GetProperty("value").GetDouble(), tree["f64"].AsDouble());
        Assert.Equal(Expected(Fixture, "i64").GetProperty("value").GetInt64(), tree["i64"].AsInt64());
        Assert.Equal(Expected(Fixture, "b").GetProperty("value").GetBoolean(), tree["b"].AsBoolean());
        var scalar = tree["f32"].AsTensor<float>();
        Assert.Empty(scalar.Shape);
        Assert.Equal((float)Expected(Fixture, "f32").GetProperty("value").GetDouble(), scalar.Data[0]);
    }

    [Fact]
    public void An_array_from_a_file_reads_as_a_new_tensor_of_its_shape()
    {
        const string Fixture = "01_f32_matrix.msgpack";
        using var file = MsgPackCheckpoint.Open(Path.Combine(Fixtures.Directory, Fixture));
        var node = (TensorNode)file.RootMap["w"];
        Assert.False(node.IsLoaded); // lazy: the bytes are still in the file

        var weight = node.AsTensor<float>();

        var expected = Expected(Fixture, "w");
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), weight.Shape);
        Assert.Equal(expected.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()), weight.Data);
        // Widening is lossless, so float32 also reads as double; the copy is the caller's own.
        Assert.Equal(weight.Data.Select(v => (double)v), node.AsTensor<double>().Data);
        weight.Data[0] = 99f;
        Assert.NotEqual(99f, node.AsTensor<float>().Data[0]);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(1e300)]
    public void A_float_that_is_not_an_exact_integer_is_refused_with_its_value(double value)
    {
        var error = Assert.Throws<CheckpointException>(() => new FloatNode(value).AsInt64());
        Assert.StartsWith("AsInt64() cannot read this node", error.Message);
        Assert.Contains(new FloatNode(value).ToString(), error.Message);
    }

    [Fact]
    public void Exact_conversions_succeed_and_inexact_ones_say_why()
    {
        Assert.Equal(3, new FloatNode(3.0).AsInt64());
        Assert.Equal(0.1f, (float)NumpyScalarNode.From(0.1f).AsDouble());
        Assert.Contains("3000000000", Assert.Throws<CheckpointException>(() => new IntegerNode(3_000_000_000L).AsInt32()).Message);
        Assert.Contains("9007199254740993 does not convert exactly to float64", Message(() => new IntegerNode((1L << 53) + 1).AsDouble()));
        Assert.Contains("2 does not convert exactly to bool", Message(() => new IntegerNode(2).AsBoolean()));
        Assert.Contains("dtype float64", Message(() => new TensorNode(new NdArray<double>([1.0, 2.0], 2)).AsTensor<float>()));
        Assert.Contains("does not convert exactly to float64", Message(() => new ComplexNode(new Complex(3, 4)).AsDouble()));
    }

    [Fact]
    public void Other_kinds_of_node_are_refused_naming_what_they_hold()
    {
        Assert.Equal("AsInt64() cannot read this node: expected a int64 scalar, found a map.", Message(() => new StateDict().AsInt64()));
        Assert.Contains("found a string (ten)", Message(() => new StringNode("ten").AsDouble()));
        Assert.Contains("found an array float32(2,)", Message(() => new TensorNode(new NdArray<float>([1f, 2f], 2)).AsInt64()));
        Assert.Contains("expected a string, found a integer (5)", Message(() => new IntegerNode(5).AsString()));
        Assert.Contains("expected an array, found a float (0.5)", Message(() => new FloatNode(0.5).AsTensor<float>()));
        Assert.Equal("AsString() cannot read this node: expected a string, found None.", Message(() => NullNode.Instance.AsString()));
        Assert.Equal("AsTensor<float>() cannot read this node: expected an array, found None.", Message(() => NullNode.Instance.AsTensor<float>()));
    }

    [Fact]
    public void The_readme_example_reads_a_saved_training_tree()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("ckpt.msgpack"), new Dictionary<string, object?>
        {
            ["params"] = new StateDict { { "readout", new StateDict { { "weight", new NdArray<float>([1f, 2f, 3f, 4f, 5f, 6f], 2, 3) } } } },
            ["epoch"] = 10,
            ["config"] = new Dictionary<string, object?> { ["n_hidden"] = 128, ["tau"] = 10.0 },
        });

        StateDict raw = MsgPackCheckpoint.LoadStateDict(path);

        Assert.Equal("{'params': {'readout': {'weight': ndarray float32(2, 3) [1, 2, 3, 4, 5, 6]}}, 'epoch': 10, 'config': {'n_hidden': 128, 'tau': 10}}", raw.ToString());
        Assert.Equal(10, raw["epoch"].AsInt64());
        Assert.Equal(10.0, raw.GetPath("config.tau").AsDouble());
        NdArray<float> w = raw.GetPath("params.readout.weight").AsTensor<float>();
        Assert.Equal([2, 3], w.Shape);
        Assert.Equal("AsInt64() cannot read this node: 2.5 does not convert exactly to int64.", Message(() => new FloatNode(2.5).AsInt64()));
    }

    private static string Message(Action read) => Assert.Throws<CheckpointException>(read).Message;
}
