using System.Text.Json;

namespace Checkpoint.Cli.Tests;

/// <summary><c>diff A B</c>: added, removed and changed paths, element differences of arrays, across formats; exit 1 when different.</summary>
public sealed class DiffTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Save(string name, StateDict tree)
    {
        var path = _folder[name];
        Formats.CheckpointFormats.Save(path, tree, Formats.CheckpointFormats.FromExtension(path)!.Value);
        return path;
    }

    private static StateDict Model(float scale = 1, string optimizer = "adam", int step = 10) => new()
    {
        ["w"] = new TensorNode(new NdArray<float>(Enumerable.Range(0, 16).Select(i => i * scale).ToArray(), 4, 4)),
        ["b"] = new TensorNode(new NdArray<double>([0.5, double.NaN, -0.0], 3)),
        ["step"] = step,
        ["optimizer"] = optimizer,
        ["lr"] = 0.001,
    };

    [Fact]
    public void Equal_files_exit_0()
    {
        var result = CliRunner.Run("diff", Save("a.msgpack", Model()), Save("b.msgpack", Model()));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": equal (5 leaves, 88 B of array data compared)", result.Output);
    }

    [Fact]
    public void Changed_values_give_the_count_and_the_largest_difference()
    {
        var a = Model();
        var b = Model();
        var values = new float[16];
        ((TensorNode)a["w"]).Tensor.AsBytes().CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        values[3] += 0.25f;
        values[9] -= 2f;
        b["w"] = new TensorNode(new NdArray<float>(values, 4, 4));
        b["step"] = 11;
        b["optimizer"] = "sgd";

        var result = CliRunner.Run("diff", Save("a.msgpack", a), Save("b.msgpack", b));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": 3 changed, 0 added, 0 removed", result.Output);
        Assert.Matches(@"~ w +2 of 16 elements differ, max \|a-b\| 2\.0", result.Output);
        Assert.Matches(@"~ step +int 10 -> int 11", result.Output);
        Assert.Matches(@"~ optimizer +str ""adam"" -> str ""sgd""", result.Output);
    }

    [Fact]
    public void Added_removed_dtype_and_shape_changes()
    {
        var a = Model();
        var b = Model();
        b.Remove("lr");
        b["extra"] = new TensorNode(NdArray<int>.Full(1, 2));
        b["w"] = new TensorNode(NdArray<float>.Full(0, 4, 5));
        b["b"] = new TensorNode(new NdArray<float>([0.5f, float.NaN, 0f], 3));

        var result = CliRunner.Run("diff", Save("a.msgpack", a), Save("b.msgpack", b));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(": 2 changed, 1 added, 1 removed", result.Output);
        Assert.Matches(@"- lr +float64 0\.001", result.Output);
        Assert.Matches(@"\+ extra +ndarray int32 \(2,\)", result.Output);
        Assert.Matches(@"~ w +shape \(4, 4\) -> \(4, 5\)", result.Output);
        // Same values in another dtype: NaN equals NaN and -0 equals 0.
        Assert.Matches(@"~ b +dtype float64 -> float32; values equal", result.Output);
    }

    [Fact]
    public void Compares_across_formats()
    {
        var tree = Trees.ArraysOfEveryCommonDType();
        var msgpack = Save("a.msgpack", tree);
        var npz = Save("a.npz", tree);
        var safetensors = Save("a.safetensors", tree);

        Assert.Equal(0, CliRunner.Run("diff", msgpack, npz).ExitCode);
        Assert.Equal(0, CliRunner.Run("diff", npz, safetensors).ExitCode);

        var changed = Trees.ArraysOfEveryCommonDType();
        ((StateDict)changed["head"])["steps"] = new TensorNode(new NdArray<long>([long.MinValue, 43, long.MaxValue], 3));
        var result = CliRunner.Run("diff", msgpack, Save("b.npz", changed));
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"~ head\.steps +1 of 3 elements differ, max \|a-b\| 1\.0", result.Output);
    }

    [Fact]
    public void A_python_number_and_the_array_npz_makes_of_it_differ_in_kind_only()
    {
        var msgpack = Save("a.msgpack", new StateDict { ["step"] = 7 });
        var npz = _folder["a.npz"];
        Assert.Equal(0, CliRunner.Run("convert", msgpack, npz).ExitCode);

        var result = CliRunner.Run("diff", msgpack, npz);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"~ step +int 7 -> ndarray int64 \(\); values equal", result.Output);
    }

    [Fact]
    public void Exact_for_64_bit_integers()
    {
        // 2^53 + 1 and 2^53 are the same double; they must still differ.
        var a = Save("a.npz", new StateDict { ["i"] = new TensorNode(new NdArray<long>([(1L << 53) + 1], 1)) });
        var b = Save("b.npz", new StateDict { ["i"] = new TensorNode(new NdArray<long>([1L << 53], 1)) });

        var result = CliRunner.Run("diff", a, b);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 of 1 elements differ, max |a-b| 1.0", result.Output);
    }

    [Fact]
    public void Json_lists_added_removed_and_changed()
    {
        var a = Model();
        var b = Model(scale: 2);
        b.Remove("step");
        b["new"] = "x";

        var result = CliRunner.Run("diff", Save("a.msgpack", a), Save("b.msgpack", b), "--json");

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.False(root.GetProperty("equal").GetBoolean());
        Assert.Equal("new", Assert.Single(root.GetProperty("added").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal("step", Assert.Single(root.GetProperty("removed").EnumerateArray()).GetProperty("path").GetString());
        var w = Assert.Single(root.GetProperty("changed").EnumerateArray());
        Assert.Equal("w", w.GetProperty("path").GetString());
        Assert.Equal(16, w.GetProperty("compared_elements").GetInt64());
        Assert.Equal(15, w.GetProperty("differing_elements").GetInt64());
        Assert.Equal(15.0, w.GetProperty("max_abs_diff").GetDouble());
        Assert.Equal("float32", w.GetProperty("a").GetProperty("dtype").GetString());
    }

    [Fact]
    public void Arrays_larger_than_a_piece_are_compared_whole()
    {
        const int count = (3 << 20) / 4 + 5; // three pieces and a bit
        var values = new float[count];
        var a = Save("a.npz", new StateDict { ["big"] = new TensorNode(new NdArray<float>(values, count)) });
        values[^1] = 1;
        values[(1 << 20) / 4] = -3;
        var b = Save("b.msgpack", new StateDict { ["big"] = new TensorNode(new NdArray<float>(values, count)) });

        var result = CliRunner.Run("diff", a, b);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"2 of {count} elements differ, max |a-b| 3.0", result.Output);
    }
}
