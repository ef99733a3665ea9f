using Checkpoint.Runtime.Tests.Formats;

namespace Checkpoint.Runtime.Tests.Tree;

/// <summary><see cref="StateDict.ToString"/> shows a newcomer what a loaded checkpoint holds, on one bounded line.</summary>
public sealed class StateDictTextTests
{
    [Fact]
    public void Small_leaves_show_their_values_and_a_quantity_reads_10_ms()
    {
        var dict = new StateDict
        {
            { "epoch", 10 },
            { "lr", 0.5 },
            { "name", "lif" },
            { "done", true },
            { "none", NullNode.Instance },
            { "tau", (10.0 * Units.ms).ToNode() },
            { "w", new NdArray<float>([1.5f, -2f], 2) },
            { "s", NumpyScalarNode.From(2.5f) },
        };

        Assert.Equal(
            "{'epoch': 10, 'lr': 0.5, 'name': 'lif', 'done': True, 'none': None, 'tau': 10 ms, 'w': ndarray float32(2,) [1.5, -2], 's': 2.5}",
            dict.ToString());
    }

    [Fact]
    public void The_quantities_python_wrote_print_with_their_unit()
    {
        var tree = MsgPackCheckpoint.LoadStateDict(Path.Combine(Fixtures.Directory, "19_quantity.msgpack"));
        var text = tree.ToString();
        Assert.StartsWith("{'tau': [10, 20] ms", text);
        Assert.DoesNotContain("mantissa", text);
    }

    [Fact]
    public void Large_arrays_show_dtype_and_shape_only_and_lazy_ones_are_not_read()
    {
        var big = new StateDict { { "w", NdArray<float>.Zeros(3, 3) } };
        Assert.Equal("{'w': ndarray float32(3, 3)}", big.ToString());

        using var file = MsgPackCheckpoint.Open(Path.Combine(Fixtures.Directory, "01_f32_matrix.msgpack"));
        Assert.Equal("{'w': ndarray float32(2, 2)}", file.RootMap.ToString());
        Assert.False(((TensorNode)file.RootMap["w"]).IsLoaded);
    }

    [Fact]
    public void Wide_and_deep_trees_stay_short()
    {
        var wide = new StateDict();
        for (var i = 0; i < 20; i++) wide.Add($"k{i}", i);
        Assert.EndsWith("'k15': 15, … (4 more)}", wide.ToString());

        var deep = new StateDict();
        var level = deep;
        for (var i = 0; i < 10; i++) level = level.GetOrAddDict("d");
        level.Add("x", 1);
        Assert.Equal("{'d': {'d': {'d': {'d': {'d': {'d': {…}}}}}}}", deep.ToString());
    }
}
