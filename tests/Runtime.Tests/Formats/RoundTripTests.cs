using System.Numerics;
using System.Text;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

public class RoundTripTests
{
    public static TheoryData<DType> AllDTypes()
    {
        var data = new TheoryData<DType>();
        foreach (var dtype in Enum.GetValues<DType>()) data.Add(dtype);
        return data;
    }

    private static INdArray RandomTensor(DType dtype, int[] shape, int seed)
    {
        var tensor = DTypes.CreateTensor(dtype, shape);
        var bytes = tensor.AsBytes();
        new Random(seed).NextBytes(bytes);
        if (dtype == DType.Bool)
        {
            for (var i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        }

        return tensor;
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Every_dtype_round_trips_in_every_shape_kind(DType dtype)
    {
        int[][] shapes = [[], [0], [1], [5], [2, 3], [2, 0, 3], [1, 1, 1, 4]];
        var map = new StateDict();
        for (var i = 0; i < shapes.Length; i++) map.Add($"t{i}", new TensorNode(RandomTensor(dtype, shapes[i], i)));

        var bytes = MsgPackWriter.ToBytes(map);
        var back = Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes));

        Assert.Equal(map.Keys, back.Keys);
        foreach (var (key, node) in map)
        {
            var expected = ((TensorNode)node).Tensor;
            var actual = Assert.IsType<TensorNode>(back[key]).Tensor;
            Assert.Equal(dtype, actual.DType);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.AsBytes().ToArray(), actual.AsBytes().ToArray());
        }

        // The numpy name is what goes on the wire.
        var name = Encoding.ASCII.GetBytes(dtype.NumpyName());
        Assert.True(bytes.AsSpan().IndexOf([(byte)(0xa0 + name.Length), .. name]) >= 0);
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Every_dtype_round_trips_as_a_numpy_scalar(DType dtype)
    {
        var node = new NumpyScalarNode(RandomTensor(dtype, [], 42));

        var back = Assert.IsType<NumpyScalarNode>(MsgPackReader.FromBytes(MsgPackWriter.ToBytes(node)));

        Assert.Equal(dtype, back.Value.DType);
        Assert.Empty(back.Value.Shape);
        Assert.Equal(node.Value.AsBytes().ToArray(), back.Value.AsBytes().ToArray());
    }

    [Fact]
    public void Special_float_array_elements_keep_their_bits()
    {
        float[] values = [float.NaN, BitConverter.Int32BitsToSingle(0x7fc00001), float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon];
        var tensor = new NdArray<float>(values);

        var back = (NdArray<float>)Assert.IsType<TensorNode>(MsgPackReader.FromBytes(MsgPackWriter.ToBytes(new TensorNode(tensor)))).Tensor;

        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), back.Data.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Nested_maps_lists_as_maps_and_every_leaf_kind_round_trip_in_order()
    {
        var root = new StateDict
        {
            { "z_first", 1 },
            { "params", new StateDict
                {
                    { "layers", new StateDict
                        {
                            { "0", new StateDict { { "w", new NdArray<float>([1f, 2f], 2) } } },
                            { "1", new StateDict { { "w", new NdArray<double>([3.0], 1) }, { "act", "relu" } } },
                        }
                    },
                }
            },
            { "empty", new StateDict() },
            { "c", new ComplexNode(new Complex(1.5, -2)) },
            { "np", NumpyScalarNode.From(7L) },
            { "blob", new byte[] { 1, 2, 3 } },
            { "none", NullNode.Instance },
            { "flag", true },
            { "lr", 0.01 },
            { "big", new IntegerNode(ulong.MaxValue) },
            { "a_last", "\u2713" },
        };

        var bytes = MsgPackWriter.ToBytes(root);
        var back = Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes));

        Assert.Equal(root.Keys, back.Keys);
        Assert.Equal(root.Leaves().Select(l => l.Key), back.Leaves().Select(l => l.Key));
        Assert.Equal(["0", "1"], ((StateDict)((StateDict)back["params"])["layers"]).Keys);
        Assert.Equal(new Complex(1.5, -2), Assert.IsType<ComplexNode>(back["c"]).Value);
        Assert.Equal(ulong.MaxValue, Assert.IsType<IntegerNode>(back["big"]).Value);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<BytesNode>(back["blob"]).Value);
        Assert.Empty(Assert.IsType<StateDict>(back["empty"]));
        // Writing what was read gives the same bytes: nothing is lost or reordered.
        Assert.Equal(bytes, MsgPackWriter.ToBytes(back));
    }

    [Fact]
    public void Deep_nesting_within_the_limit_round_trips()
    {
        var root = new StateDict();
        var current = root;
        for (var i = 0; i < 200; i++) current = current.GetOrAddDict("d");
        current.Add("leaf", 1);

        var back = Assert.IsType<StateDict>(MsgPackReader.FromBytes(MsgPackWriter.ToBytes(root)));

        Assert.True(back.TryGetPath(string.Join('.', Enumerable.Repeat("d", 200)) + ".leaf", out var leaf));
        Assert.Equal(1, Assert.IsType<IntegerNode>(leaf).Value);
    }

    [Fact]
    public void Top_level_leaves_are_allowed()
    {
        var tensor = new NdArray<short>([1, 2, 3], 3);

        var back = Assert.IsType<TensorNode>(MsgPackReader.FromBytes(MsgPackWriter.ToBytes(new TensorNode(tensor)))).Tensor;

        Assert.Equal(tensor.AsBytes().ToArray(), back.AsBytes().ToArray());
        Assert.Equal("hi", Assert.IsType<StringNode>(MsgPackReader.FromBytes(MsgPackWriter.ToBytes(new StringNode("hi")))).Value);
    }

    [Fact]
    public void Writer_refuses_a_cyclic_tree()
    {
        var root = new StateDict();
        root.Add("self", root);

        Assert.Throws<CheckpointException>(() => MsgPackWriter.ToBytes(root));
    }

    [Fact]
    public void Writer_reports_progress_up_to_the_total_length()
    {
        var reports = new List<long>();
        var root = new StateDict { { "w", new NdArray<float>(new float[100_000], 100_000) }, { "b", 1 } };
        using var stream = new MemoryStream();

        MsgPackWriter.Write(stream, root, new SaveOptions { Progress = new SyncProgress(reports.Add) });

        Assert.NotEmpty(reports);
        Assert.Equal(stream.Length, reports[^1]);
        Assert.True(reports.SequenceEqual(reports.Order()), "progress only grows");
    }

    [Fact]
    public void Writer_honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            MsgPackWriter.Write(new MemoryStream(), new StateDict { { "a", 1 } }, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Reader_honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var bytes = MsgPackWriter.ToBytes(new StateDict { { "a", 1 } });

        Assert.ThrowsAny<OperationCanceledException>(() => MsgPackReader.Read(new MemoryStream(bytes), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Chunk_limit_below_one_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MsgPackWriter.ToBytes(new StateDict(), new SaveOptions { ChunkByteLimit = 0 }));

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
