using System.Collections;
using System.Collections.ObjectModel;
using System.Dynamic;
using System.Numerics;
using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Tree;

public class TreeConverterTests
{
    private enum Color : short
    {
        Red = 3,
    }

    private enum Huge : ulong
    {
        Max = ulong.MaxValue,
    }

    [Fact]
    public void The_seed_tree_converts_in_one_call()
    {
        var model = Neuron.Filled(3);
        var tree = new Dictionary<string, object?>
        {
            ["params"] = model,
            ["epoch"] = 10,
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 0.001, ["batch_size"] = 32, ["name"] = "lif" },
        };
        var root = Assert.IsType<StateDict>(TreeConverter.FromObject(tree));
        Assert.Equal(["params", "epoch", "config"], root.Keys);
        Assert.Equal(["weight", "bias", "tau", "steps"], ((StateDict)root["params"]).Keys); // persistent only
        Assert.Same(model.Weight, ((TensorNode)root.GetPath("params.weight")).Tensor);
        Assert.Equal(10, ((IntegerNode)root["epoch"]).Value);
        Assert.Equal(0.001, ((FloatNode)root.GetPath("config.learning_rate")).Value);
        Assert.Equal("lif", ((StringNode)root.GetPath("config.name")).Value);
    }

    [Fact]
    public void Integers_map_to_native_ints()
    {
        Assert.Equal(-5, ((IntegerNode)TreeConverter.FromObject((sbyte)-5)).Value);
        Assert.Equal(200, ((IntegerNode)TreeConverter.FromObject((byte)200)).Value);
        Assert.Equal(-300, ((IntegerNode)TreeConverter.FromObject((short)-300)).Value);
        Assert.Equal(60000, ((IntegerNode)TreeConverter.FromObject((ushort)60000)).Value);
        Assert.Equal(uint.MaxValue, ((IntegerNode)TreeConverter.FromObject(uint.MaxValue)).Value);
        Assert.Equal(long.MinValue, ((IntegerNode)TreeConverter.FromObject(long.MinValue)).Value);
        Assert.Equal(ulong.MaxValue, ((IntegerNode)TreeConverter.FromObject(ulong.MaxValue)).Value);
    }

    [Fact]
    public void Enums_map_to_their_integer()
    {
        Assert.Equal(3, ((IntegerNode)TreeConverter.FromObject(Color.Red)).Value);
        Assert.Equal(ulong.MaxValue, ((IntegerNode)TreeConverter.FromObject(Huge.Max)).Value);
    }

    [Fact]
    public void Fixed_width_floats_become_numpy_scalars_and_double_a_native_float()
    {
        Assert.Equal(1.5, ((FloatNode)TreeConverter.FromObject(1.5)).Value);
        Assert.Equal(DType.Float32, ((NumpyScalarNode)TreeConverter.FromObject(1.5f)).Value.DType);
        Assert.Equal(DType.Float16, ((NumpyScalarNode)TreeConverter.FromObject((Half)1.5)).Value.DType);
        Assert.Equal(DType.BFloat16, ((NumpyScalarNode)TreeConverter.FromObject((BFloat16)1.5f)).Value.DType);
        Assert.Equal(DType.Complex64, ((NumpyScalarNode)TreeConverter.FromObject(new Complex64(1, 2))).Value.DType);
        Assert.Equal(new Complex(1, 2), ((ComplexNode)TreeConverter.FromObject(new Complex(1, 2))).Value);
    }

    [Fact]
    public void Native_leaves_keep_their_kind()
    {
        Assert.True(((BoolNode)TreeConverter.FromObject(true)).Value);
        Assert.Equal("x", ((StringNode)TreeConverter.FromObject("x")).Value);
        byte[] bytes = [1, 2, 3];
        Assert.Same(bytes, ((BytesNode)TreeConverter.FromObject(bytes)).Value);
        Assert.Same(NullNode.Instance, TreeConverter.FromObject(null));
        var node = new FloatNode(2);
        Assert.Same(node, TreeConverter.FromObject(node));
    }

    [Fact]
    public void Tensors_are_referenced_and_arrays_of_element_types_become_tensors()
    {
        var tensor = NdArray<int>.Zeros(2);
        Assert.Same(tensor, ((TensorNode)TreeConverter.FromObject(tensor)).Tensor);

        var matrix = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var view = ((TensorNode)TreeConverter.FromObject(matrix)).Tensor;
        Assert.Equal(DType.Float64, view.DType);
        Assert.Equal([2, 3], view.Shape);
        matrix[1, 2] = 60; // referenced: the view sees the change
        Assert.Equal(60.0, TensorConversion.Read(view.DType, view.AsBytes(), 5).Real);

        Assert.Equal(DType.Bool, ((TensorNode)TreeConverter.FromObject(new[] { true, false })).Tensor.DType);
        Assert.Equal(DType.UInt8, ((TensorNode)TreeConverter.FromObject(new byte[2, 2])).Tensor.DType);
        Assert.Equal([0], ((TensorNode)TreeConverter.FromObject(Array.Empty<float>())).Tensor.Shape);
    }

    [Fact]
    public void Lists_arrays_of_other_types_and_tuples_become_indexed_maps()
    {
        var list = (StateDict)TreeConverter.FromObject(new List<object?> { 1, "two", null });
        Assert.Equal(["0", "1", "2"], list.Keys);
        Assert.Equal("two", ((StringNode)list["1"]).Value);

        var jagged = (StateDict)TreeConverter.FromObject(new[] { new float[] { 1 }, new float[] { 2, 3 } });
        Assert.Equal([2], ((TensorNode)jagged["1"]).Tensor.Shape);

        var tuple = (StateDict)TreeConverter.FromObject((1, 2.5, "x"));
        Assert.Equal(["0", "1", "2"], tuple.Keys);
        Assert.Equal(2.5, ((FloatNode)tuple["1"]).Value);

        var strings = (StateDict)TreeConverter.FromObject(new[] { "a", "b" });
        Assert.Equal("b", ((StringNode)strings["1"]).Value);
    }

    [Fact]
    public void Dictionaries_keep_insertion_order_and_integer_keys_become_text()
    {
        var ordered = new Dictionary<string, object?> { ["z"] = 1, ["a"] = 2, ["m"] = 3 };
        Assert.Equal(["z", "a", "m"], ((StateDict)TreeConverter.FromObject(ordered)).Keys);

        var readOnly = new ReadOnlyDictionary<string, int>(new Dictionary<string, int> { ["b"] = 1, ["a"] = 2 });
        Assert.Equal(["b", "a"], ((StateDict)TreeConverter.FromObject(readOnly)).Keys);

        var byIndex = new Dictionary<int, string> { [2] = "x", [10] = "y" };
        Assert.Equal(["2", "10"], ((StateDict)TreeConverter.FromObject(byIndex)).Keys);

        var hashtable = new Hashtable { ["only"] = 1.0 };
        Assert.Equal(["only"], ((StateDict)TreeConverter.FromObject(hashtable)).Keys);

        dynamic expando = new ExpandoObject();
        expando.first = 1;
        expando.second = "b";
        Assert.Equal(["first", "second"], ((StateDict)TreeConverter.FromObject((object)expando)).Keys);
    }

    [Fact]
    public void Quantities_become_their_unit_map()
    {
        var node = (StateDict)TreeConverter.FromObject(new Dictionary<string, object?> { ["tau"] = 10 * Checkpoint.Units.ms });
        Assert.Equal(["mantissa", "scale", "base", "dim", "factor"], ((StateDict)node["tau"]).Keys);
    }

    [Fact]
    public void Unsupported_values_name_the_path_the_type_and_the_registry()
    {
        var tree = new Dictionary<string, object?> { ["config"] = new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch } };
        var error = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(tree));
        Assert.Contains("'config.when'", error.Message);
        Assert.Contains("System.DateTime", error.Message);
        Assert.Contains("MsgPackCheckpoint.Register<DateTime>", error.Message);

        var root = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(new object()));
        Assert.Contains("the root", root.Message);
        Assert.Contains("decimal", Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(1.5m)).Message.ToLowerInvariant());
    }

    [Fact]
    public void Keys_of_other_types_and_cycles_are_clear_errors()
    {
        var error = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(new Dictionary<Guid, int> { [Guid.Empty] = 1 }));
        Assert.Contains("System.Guid", error.Message);

        var cyclic = new List<object?>();
        cyclic.Add(cyclic);
        Assert.Contains("contains itself", Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(cyclic)).Message);
    }
}

public class StateEntryTreeTests
{
    [Fact]
    public void States_of_one_kind_save_as_the_nested_tree_of_their_paths()
    {
        var net = new Checkpoint.Tests.Models.SimpleNet();
        net.Readout.AsSpan().Fill(3f);

        var node = TreeConverter.FromObject(new Dictionary<string, object?> { ["params"] = net.States(StateKinds.Param) });

        var parameters = (StateDict)((StateDict)node)["params"];
        var expectedPaths = net.States(StateKinds.Param).Select(e => e.Path).ToList();
        Assert.Equal(expectedPaths, parameters.Leaves().Select(l => l.Key).ToList());
        Assert.DoesNotContain(parameters.Leaves(), l => l.Key.EndsWith(".V", StringComparison.Ordinal));
        Assert.Same(net.Readout, ((TensorNode)parameters["w_out"]).Tensor);
    }
}
