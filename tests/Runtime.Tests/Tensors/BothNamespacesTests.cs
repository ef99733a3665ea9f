using Checkpoint;
using System.Numerics.Tensors;

// Outside the Checkpoint namespace on purpose: only the two using directives bring the tensor types into scope, as
// in a user's file. That this compiles is the test that Tensor<T> and NdArray<T> do not clash (CS0104).
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

    private static INdArray MsgPackRoundTrip(TensorNode node) =>
        ((TensorNode)Checkpoint.Formats.MsgPack.MsgPackReader.FromBytes(Checkpoint.Formats.MsgPack.MsgPackWriter.ToBytes(node))).Tensor;
}
