using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

public class IndexTests
{
    private static (MemoryStream Stream, StateDict Root) Sample()
    {
        var root = new StateDict
        {
            { "params", new StateDict
                {
                    { "w", new NdArray<float>([1f, 2f, 3f, 4f], 2, 2) },
                    { "b", new NdArray<double>([0.5], 1) },
                }
            },
            { "step", 10 },
            { "scale", NumpyScalarNode.From(2.5f) },
            { "name", "lif" },
            { "empty", new StateDict() },
        };
        return (new MemoryStream(MsgPackWriter.ToBytes(root)), root);
    }

    [Fact]
    public void Index_lists_arrays_as_references_and_small_leaves_as_values()
    {
        var (stream, _) = Sample();

        var index = MsgPackReader.ReadIndex(stream, new MsgPackReadOptions { FileName = "s.msgpack" });

        Assert.Equal("s.msgpack", index.FileName);
        Assert.Equal(stream.Length, index.ByteLength);
        Assert.Equal(["params.w", "params.b", "step", "scale", "name"], index.Leaves().Select(l => l.Key));
        var w = Assert.IsType<TensorRef>(index.Leaves().First().Value);
        Assert.Equal("params.w", w.Path);
        Assert.Equal(DType.Float32, w.DType);
        Assert.Equal([2, 2], w.Shape);
        Assert.Equal(16, w.ByteLength);
        Assert.Equal(4, w.Length);
        Assert.False(w.IsChunked);
        Assert.True(index.TryGetPath("step", out var step));
        Assert.Equal(10, Assert.IsType<IntegerNode>(Assert.IsType<MsgPackIndexLeaf>(step).Value).Value);
        Assert.True(index.TryGetPath("scale", out var scale));
        Assert.IsType<NumpyScalarNode>(Assert.IsType<MsgPackIndexLeaf>(scale).Value);
        Assert.True(index.TryGetPath("empty", out var empty));
        Assert.Equal(0, Assert.IsType<MsgPackIndexMap>(empty).Count);
        Assert.False(index.TryGetPath("params.missing", out _));
        Assert.Equal(["params.w", "params.b"], index.Tensors().Select(t => t.Path));
    }

    [Fact]
    public void Segment_offsets_point_at_the_data_bytes()
    {
        var (stream, root) = Sample();
        var index = MsgPackReader.ReadIndex(stream);
        var bytes = stream.ToArray();

        foreach (var tensor in index.Tensors())
        {
            var expected = ((TensorNode)root.GetPath(tensor.Path)).Tensor.AsBytes().ToArray();
            var segment = Assert.Single(tensor.Segments);
            Assert.Equal(expected, bytes.AsSpan((int)segment.Offset, (int)segment.Length).ToArray());
            Assert.Equal(expected, MsgPackReader.ReadTensor(stream, tensor).AsBytes().ToArray());
        }
    }

    [Fact]
    public void Index_works_from_a_non_zero_stream_position()
    {
        var (sample, root) = Sample();
        var stream = new MemoryStream();
        stream.Write(new byte[100]);
        sample.CopyTo(stream);
        stream.Position = 100;

        var index = MsgPackReader.ReadIndex(stream);

        var w = index.Tensors().First();
        Assert.Equal(((TensorNode)root.GetPath("params.w")).Tensor.AsBytes().ToArray(), MsgPackReader.ReadTensor(stream, w).AsBytes().ToArray());
    }

    [Fact]
    public void Reading_into_a_destination_of_the_wrong_size_is_refused()
    {
        var (stream, _) = Sample();
        var w = MsgPackReader.ReadIndex(stream).Tensors().First();

        Assert.Throws<ArgumentException>(() => MsgPackReader.ReadTensorData(stream, w, new byte[15]));
    }

    [Fact]
    public void Data_gone_since_indexing_is_a_format_error()
    {
        var (stream, _) = Sample();
        var w = MsgPackReader.ReadIndex(stream).Tensors().First();
        stream.SetLength(w.Segments[0].Offset + 3);

        var error = Assert.Throws<CheckpointFormatException>(() => MsgPackReader.ReadTensorData(stream, w, new byte[16], "s.msgpack"));

        Assert.Equal("params.w", error.PathInFile);
        Assert.Equal("s.msgpack", error.FileName);
    }

    [Fact]
    public void Index_needs_a_seekable_stream() =>
        Assert.Throws<ArgumentException>(() => MsgPackReader.ReadIndex(new NonSeekableStream(new MemoryStream([0x80]))));

    [Fact]
    public void Top_level_array_index_root_is_a_reference()
    {
        using var stream = File.OpenRead(Path.Combine(Fixtures.Directory, "20_top_level_array.msgpack"));

        var index = MsgPackReader.ReadIndex(stream);

        var root = Assert.IsType<TensorRef>(index.Root);
        Assert.Equal("", root.Path);
        Assert.Equal(DType.Int16, root.DType);
        Assert.Equal([KeyValuePair.Create("", (MsgPackIndexNode)root)], index.Leaves());
    }

    [Theory]
    [MemberData(nameof(FixtureTests.Files), MemberType = typeof(FixtureTests))]
    public void Index_and_full_read_agree_on_every_fixture(string file)
    {
        var bytes = Fixtures.Bytes(file);
        var full = MsgPackReader.FromBytes(bytes);
        using var stream = new MemoryStream(bytes);

        var index = MsgPackReader.ReadIndex(stream);

        var expectedLeaves = full is StateDict map ? map.Leaves().ToList() : [KeyValuePair.Create("", full)];
        Assert.Equal(expectedLeaves.Select(l => l.Key), index.Leaves().Select(l => l.Key));
        foreach (var (path, node) in index.Leaves())
        {
            var expected = expectedLeaves.Single(l => l.Key == path).Value;
            if (node is TensorRef reference)
                Assert.Equal(((TensorNode)expected).Tensor.AsBytes().ToArray(), MsgPackReader.ReadTensor(stream, reference).AsBytes().ToArray());
            else
                Assert.Equal(expected.Kind, Assert.IsType<MsgPackIndexLeaf>(node).Value.Kind);
        }
    }
}
