using Checkpoint;
using Checkpoint.Runtime.Tests.Files;
using System.Numerics.Tensors;

// Outside the Checkpoint namespace on purpose: only the two using directives bring the tensor types into scope, as
// in a user's file. That this compiles is the test that Tensor<T> and NdArray<T> do not clash (CS0104), in user code
// and in the code the generator writes for PlatformLayer.
namespace TensorNamespaces.Tests;

public class BothNamespacesTests
{
    [Fact]
    public void A_file_importing_Checkpoint_and_System_Numerics_Tensors_uses_both_tensor_types()
    {
        Tensor<float> platform = Tensor.Create(new float[] { 1, 2, 3, 4 }, [2, 2]);
        NdArray<float> ours = NdArray<float>.FromTensor(platform);

        var node = (TensorNode)((StateDict)TreeConverter.FromObject(new Dictionary<string, object?> { ["p"] = platform, ["o"] = ours })).GetPath("p");

        Assert.Equal(DType.Float32, node.DType);
        Assert.Equal(ours.AsSpan().ToArray(), ((NdArray<float>)MsgPackRoundTrip(node)).Data);
    }

    [Fact]
    public void A_generated_model_with_Tensor_members_round_trips_through_a_file_with_shape_and_dtype()
    {
        using var dir = new TempDirectory();
        var saved = new PlatformLayer
        {
            W = Tensor.Create(Enumerable.Range(0, 12).Select(i => i * 0.5f - 2).ToArray(), [3, 4]),
            Steps = Tensor.Create(new long[] { 7, -8, long.MaxValue }, [3]),
            Bias = NdArray<double>.Full(0.25, 4),
        };
        var path = MsgPackCheckpoint.Save(dir.File("layer.msgpack"), saved);

        // In the file: plain arrays of the members' dtypes and shapes (what numpy reads back).
        using (var file = MsgPackCheckpoint.Open(path))
        {
            var root = (StateDict)file.Root;
            Assert.Equal("float32(3, 4)", Describe(root["W"]));
            Assert.Equal("int64(3,)", Describe(root["Steps"]));
            Assert.Equal("float64(4,)", Describe(root["Bias"]));
            Assert.False(root.ContainsKey("Trace")); // short-term: not saved by default
        }

        // Into an existing tensor (filled in place), and into a null member (a new dense tensor of the file's shape).
        var loaded = new PlatformLayer { W = Tensor.Create(new float[12], [3, 4]), Steps = null };
        var target = loaded.W;
        MsgPackCheckpoint.Load(path, loaded);

        Assert.Same(target, loaded.W);
        Assert.Equal(Flat(saved.W), Flat(loaded.W));
        Assert.Equal(saved.W.Lengths.ToArray(), loaded.W.Lengths.ToArray());
        Assert.NotNull(loaded.Steps);
        Assert.Equal(Flat(saved.Steps!), Flat(loaded.Steps!));
        Assert.Equal([3], loaded.Steps!.Lengths.ToArray());
        Assert.Equal(saved.Bias.Data, loaded.Bias.Data);
    }

    [Fact]
    public void A_generated_reset_fills_a_Tensor_member_in_place()
    {
        var layer = new PlatformLayer();
        var trace = layer.Trace;

        layer.ResetState();

        Assert.Same(trace, layer.Trace);
        Assert.All(Flat(layer.Trace), v => Assert.Equal((Half)(-1), v));
    }

    private static string Describe(StateNode node) => ((TensorNode)node).DType.NumpyName() + TensorShape.Format(((TensorNode)node).Shape);

    private static T[] Flat<T>(Tensor<T> tensor)
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return values;
    }

    private static INdArray MsgPackRoundTrip(TensorNode node) =>
        ((TensorNode)Checkpoint.Formats.MsgPack.MsgPackReader.FromBytes(Checkpoint.Formats.MsgPack.MsgPackWriter.ToBytes(node))).Tensor;
}

/// <summary>A model using the platform's Tensor&lt;T&gt; and Checkpoint's NdArray&lt;T&gt; side by side.</summary>
public partial class PlatformLayer
{
    [Param]
    public Tensor<float> W { get; set; } = Tensor.Create(new float[12], [3, 4]);

    [LongTerm]
    public Tensor<long>? Steps { get; set; }

    [Param]
    public NdArray<double> Bias { get; set; } = NdArray<double>.Zeros(4);

    [ShortTerm(Fill = -1)]
    public Tensor<Half> Trace { get; set; } = Tensor.Create(new Half[5], [5]);
}
