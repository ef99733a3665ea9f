using System.Numerics;

namespace Checkpoint.Cli.Tests;

/// <summary>Trees the tests write, and how they compare them after a round trip through files.</summary>
internal static class Trees
{
    /// <summary>Arrays of every dtype all four formats hold (no complex128: safetensors has none), nested two levels.</summary>
    public static StateDict ArraysOfEveryCommonDType() => new()
    {
        ["encoder"] = new StateDict
        {
            ["weight"] = new TensorNode(new NdArray<float>(Enumerable.Range(0, 12).Select(i => i * 0.5f - 2.75f).ToArray(), 3, 4)),
            ["bias"] = new TensorNode(new NdArray<double>([1.5, -2.25, double.MaxValue], 3)),
        },
        ["head"] = new StateDict
        {
            ["w16"] = new TensorNode(new NdArray<Half>([(Half)1.5f, (Half)(-0.25f)], 2, 1)),
            ["steps"] = new TensorNode(new NdArray<long>([long.MinValue, 42, long.MaxValue], 3)),
            ["codes"] = new TensorNode(new NdArray<sbyte>([-128, 0, 127, 5], 2, 2)),
            ["mask"] = new TensorNode(new NdArray<bool>([true, false, true], 3)),
            ["z"] = new TensorNode(new NdArray<Complex64>([new Complex64(1.5f, -2f), new Complex64(0f, 3.25f)], 2)),
            ["u"] = new TensorNode(new NdArray<ushort>([0, 65535], 2)),
        },
        ["scalar0d"] = new TensorNode(NdArray<float>.Scalar(3.5f)),
        ["empty"] = new TensorNode(new NdArray<float>([], 0, 3)),
    };

    /// <summary>Every leaf of a file's tree read into memory, by dotted path.</summary>
    public static Dictionary<string, INdArray> ReadArrays(string path)
    {
        using var file = Formats.CheckpointFormats.Open(path);
        var leaves = file.Root is StateDict map ? map.Leaves().ToList() : [new KeyValuePair<string, StateNode>("", file.Root)];
        return leaves.ToDictionary(leaf => leaf.Key, leaf => ((TensorNode)leaf.Value).Tensor);
    }

    /// <summary>Asserts that the file holds exactly the arrays of <paramref name="expected"/>: paths, dtypes, shapes, bytes.</summary>
    public static void AssertHolds(string path, StateDict expected)
    {
        var actual = ReadArrays(path);
        var wanted = expected.Leaves().ToDictionary(leaf => leaf.Key, leaf => ((TensorNode)leaf.Value).Tensor);
        Assert.Equal(wanted.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in wanted)
        {
            Assert.True(tensor.DType == actual[name].DType, $"{path} {name}: dtype {actual[name].DType}, expected {tensor.DType}");
            Assert.Equal(tensor.Shape, actual[name].Shape);
            Assert.True(tensor.AsBytes().SequenceEqual(actual[name].AsBytes()), $"{path} {name}: the bytes differ");
        }
    }
}
