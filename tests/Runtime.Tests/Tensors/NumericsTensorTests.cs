using System.Buffers;
using System.Numerics.Tensors;
using Checkpoint.Formats.MsgPack;
using Checkpoint.Generated;
using Checkpoint.Runtime.Tests.Files;
using OnnxDenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace Checkpoint.Runtime.Tests.Tensors;

/// <summary>
/// <see cref="System.Numerics.Tensors.Tensor{T}"/>, the platform's tensor type: a leaf of plain trees and templates and a
/// member of models (through its one codec), saved with its dtype and shape straight from its memory, and converted to
/// and from <see cref="NdArray{T}"/> without copying where the layout allows.
/// </summary>
public class NumericsTensorTests
{
    [Fact]
    public void A_plain_tree_holding_tensors_round_trips_with_dtype_and_shape()
    {
        using var dir = new TempDirectory();
        var weights = Tensor.Create(Enumerable.Range(0, 6).Select(i => i * 0.25f).ToArray(), [2, 3]);
        var counts = Tensor.Create(new long[] { -1, 5, 1L << 40, 7 }, [4]);
        var path = MsgPackCheckpoint.Save(dir.File("tree.msgpack"), new Dictionary<string, object?> { ["w"] = weights, ["n"] = counts });

        var raw = Assert.IsType<StateDict>(MsgPackCheckpoint.Load(path));
        var w = Assert.IsType<TensorNode>(raw["w"]);
        Assert.Equal(DType.Float32, w.DType);
        Assert.Equal([2, 3], w.Shape);
        Assert.Equal(DType.Int64, ((TensorNode)raw["n"]).DType);

        var target = new Dictionary<string, object?>
        {
            ["w"] = Tensor.Create(new float[6], [2, 3]),
            ["n"] = Tensor.Create(new long[4], [4]),
        };
        var restored = MsgPackCheckpoint.Restore(path, target);
        Assert.Same(target["w"], restored["w"]); // filled in place
        Assert.Equal(Flat(weights), Flat((Tensor<float>)restored["w"]!));
        Assert.Equal(Flat(counts), Flat((Tensor<long>)restored["n"]!));
    }

    [Fact]
    public void A_tensor_saves_exactly_the_bytes_of_the_same_NdArray_which_python_reads_as_an_ndarray()
    {
        var values = Enumerable.Range(0, 12).Select(i => (double)i / 3).ToArray();
        var fromTensor = MsgPackWriter.ToBytes(TreeConverter.FromObject(new Dictionary<string, object?> { ["x"] = Tensor.Create(values, [3, 4]) }));
        var fromNdArray = MsgPackWriter.ToBytes(TreeConverter.FromObject(new Dictionary<string, object?> { ["x"] = new NdArray<double>(values, 3, 4) }));

        Assert.Equal(fromNdArray, fromTensor);
    }

    [Fact]
    public void Saving_references_the_tensor_memory_without_copying()
    {
        var tensor = Tensor.Create(new int[] { 1, 2, 3, 4 }, [2, 2]);
        var node = Assert.IsType<TensorNode>(TreeConverter.FromObject(tensor));

        node.Tensor.GetBytes(0, 4)[0] = 42;

        Assert.Equal(42, tensor[(ReadOnlySpan<nint>)[0, 0]]);
    }

    [Fact]
    public void A_slice_saves_its_own_elements_in_order_and_loads_in_place_into_its_parent()
    {
        using var dir = new TempDirectory();
        var parent = Tensor.Create(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), [3, 4]);
        var slice = parent.Slice([new NRange(1, 3), new NRange(1, 3)]);
        Assert.False(slice.IsDense);

        var path = MsgPackCheckpoint.Save(dir.File("slice.msgpack"), new Dictionary<string, object?> { ["s"] = slice });
        var saved = ((TensorNode)((StateDict)MsgPackCheckpoint.Load(path))["s"]).Tensor;
        Assert.Equal([2, 2], saved.Shape);
        Assert.Equal(new float[] { 5, 6, 9, 10 }, ((NdArray<float>)saved).Data);

        var other = Tensor.Create(new float[12], [3, 4]);
        MsgPackCheckpoint.Restore(path, new Dictionary<string, object?> { ["s"] = other.Slice([new NRange(0, 2), new NRange(2, 4)]) });
        Assert.Equal(new float[] { 0, 0, 5, 6, 0, 0, 9, 10, 0, 0, 0, 0 }, Flat(other));
    }

    [Fact]
    public void A_broadcast_view_saves_its_values_and_refuses_to_be_loaded_into()
    {
        using var dir = new TempDirectory();
        var row = Tensor.Create(new float[] { 1, 2, 3 }, [2, 3], [0, 1]);
        var path = MsgPackCheckpoint.Save(dir.File("b.msgpack"), new Dictionary<string, object?> { ["b"] = row });

        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, ((NdArray<float>)((TensorNode)((StateDict)MsgPackCheckpoint.Load(path))["b"]).Tensor).Data);
        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Restore(path, new Dictionary<string, object?> { ["b"] = row }));
        Assert.Contains("broadcast view", error.Message);
        Assert.Contains("System.Numerics.Tensors.Tensor<float>", error.Message);
    }

    [Fact]
    public void A_tensor_of_a_type_that_is_no_element_type_is_refused_naming_the_path_and_the_type_in_csharp()
    {
        var tree = new Dictionary<string, object?> { ["layer"] = new Dictionary<string, object?> { ["w"] = Tensor.Create(new decimal[] { 1m }, [1]) } };

        var error = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(tree));

        Assert.Contains("'layer.w'", error.Message);
        Assert.Contains("System.Numerics.Tensors.Tensor<decimal>", error.Message);
        Assert.Contains("element type decimal", error.Message);
    }

    [Fact]
    public void Another_librarys_tensor_that_enumerates_as_a_list_is_refused_not_flattened()
    {
        var onnx = new OnnxDenseTensor(new float[] { 1, 2, 3, 4 }, [2, 2]);

        var error = Assert.Throws<CheckpointException>(() => TreeConverter.FromObject(new Dictionary<string, object?> { ["x"] = onnx }));

        Assert.Contains("'x'", error.Message);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>", error.Message);
        Assert.Contains("lose its shape", error.Message);
    }

    [Fact]
    public void A_model_member_loads_in_place_or_into_a_new_dense_tensor_when_null()
    {
        var saved = new TensorModel
        {
            Weight = Tensor.Create(Enumerable.Range(0, 6).Select(i => i + 0.5f).ToArray(), [3, 2]),
            Optional = Tensor.Create(new double[] { 1, 2 }, [2]),
        };
        var root = saved.ToStateDict();
        var existing = Tensor.Create(new float[6], [3, 2]);
        var loaded = new TensorModel { Weight = existing, Optional = null };

        var report = loaded.LoadStateDict(root);

        Assert.Equal(2, report.Loaded.Count);
        Assert.Same(existing, loaded.Weight);
        Assert.Equal(Flat(saved.Weight), Flat(loaded.Weight!));
        Assert.NotNull(loaded.Optional);
        Assert.True(loaded.Optional!.IsDense);
        Assert.Equal([2], loaded.Optional.Lengths.ToArray().Select(l => (int)l));
        Assert.Equal(new double[] { 1, 2 }, Flat(loaded.Optional));
    }

    [Fact]
    public void A_model_member_reports_shape_mismatches_converts_dtypes_losslessly_and_refuses_zero_dimensional_sources()
    {
        var shape = new TensorModel { Weight = Tensor.Create(new float[4], [2, 2]) };
        var mismatch = Assert.Throws<StateMismatchException>(() =>
            shape.LoadStateDict(new StateDict { ["weight"] = new TensorNode(NdArray<float>.Zeros(3, 2)), ["optional"] = NullNode.Instance }));
        Assert.Contains("shape (3, 2) in the source, (2, 2) in the target", mismatch.Message);

        var widened = new TensorModel();
        widened.LoadStateDict(new StateDict { ["weight"] = new TensorNode(new NdArray<short>([-3, 4, 5, 6, 7, 8], 3, 2)), ["optional"] = new TensorNode(NdArray<double>.Zeros(2)) });
        Assert.Equal(new float[] { -3, 4, 5, 6, 7, 8 }, Flat(widened.Weight!));

        var scalar = new TensorModel { Optional = null };
        var error = Assert.Throws<StateMismatchException>(() =>
            scalar.LoadStateDict(new StateDict { ["weight"] = new TensorNode(NdArray<float>.Zeros(3, 2)), ["optional"] = NumpyScalarNode.From(2.0) }));
        Assert.Contains("zero-dimensional", error.Message);
    }

    [Fact]
    public void FromTensor_shares_dense_memory_and_copies_strided_views()
    {
        var dense = Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var shared = NdArray<float>.FromTensor(dense);
        Assert.Equal(NdArrayStorage.NumericsTensor, shared.Storage);
        Assert.Equal([2, 3], shared.Shape);
        shared[1, 2] = 60;
        Assert.Equal(60, dense[(ReadOnlySpan<nint>)[1, 2]]);
        Assert.Same(dense, shared.AsTensor());
        Assert.Contains("System.Numerics.Tensors.Tensor<T>", Assert.Throws<NotSupportedException>(() => shared.Data).Message);

        // A dense slice (whole rows) is shared from its own first element, not from the start of the backing array.
        var row = NdArray<float>.FromTensor(dense.Slice([new NRange(1, 2), new NRange(0, 3)]));
        Assert.Equal(NdArrayStorage.NumericsTensor, row.Storage);
        Assert.Equal(new float[] { 4, 5, 60 }, row.AsSpan().ToArray());

        var column = NdArray<float>.FromTensor(dense.Slice([new NRange(0, 2), new NRange(1, 2)]));
        Assert.Equal(NdArrayStorage.Array, column.Storage);
        Assert.Equal(new float[] { 2, 5 }, column.Data);
    }

    [Fact]
    public void AsTensor_shares_array_memory_and_AsTensorSpan_covers_native_memory()
    {
        var array = new NdArray<int>([1, 2, 3, 4, 5, 6], 3, 2);
        var tensor = array.AsTensor();
        Assert.Equal([3, 2], tensor.Lengths.ToArray().Select(l => (int)l));
        tensor[(ReadOnlySpan<nint>)[2, 1]] = 66;
        Assert.Equal(66, array[2, 1]);
        Assert.Equal([1], NdArray<int>.Scalar(9).AsTensor().Lengths.ToArray().Select(l => (int)l));

        using var native = NdArray<int>.Zeros([2, 3], NdArrayStorage.Native);
        var error = Assert.Throws<NotSupportedException>(() => native.AsTensor());
        Assert.Contains("AsTensorSpan", error.Message);
        var span = native.AsTensorSpan();
        Assert.Equal(2, span.Rank);
        span[(ReadOnlySpan<nint>)[1, 0]] = 10;
        Assert.Equal(10, native[1, 0]);
    }

    private static T[] Flat<T>(Tensor<T> tensor)
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return values;
    }
}

/// <summary>A generated model with <see cref="Tensor{T}"/> members (the generator recognises the type by name).</summary>
public partial class TensorModel
{
    [Param(Name = "weight")]
    public Tensor<float>? Weight { get; set; } = Tensor.Create(new float[6], [3, 2]);

    [Param(Name = "optional")]
    public Tensor<double>? Optional { get; set; } = Tensor.Create(new double[2], [2]);
}
