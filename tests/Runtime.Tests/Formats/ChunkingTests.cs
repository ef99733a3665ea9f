using System.Globalization;
using MessagePack;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// The chunked layout with lowered limits. The wire structure is checked with MessagePack-CSharp's own reader,
/// independently of ours: a map {marker: true, shape: {"0": d0, ...}, chunks: {"0": ext1, ...}}.
/// </summary>
public class ChunkingTests
{
    // Python: chunk when nbytes > limit; each chunk max(1, limit // itemsize) elements.
    [Theory]
    [InlineData(10, 40, new int[0])]               // exactly at the limit: not chunked
    [InlineData(10, 39, new[] { 9, 1 })]           // one byte over: 39 // 4 = 9 per chunk
    [InlineData(12, 16, new[] { 4, 4, 4 })]        // exact multiple
    [InlineData(3, 3, new[] { 1, 1, 1 })]          // limit below the item size: one element per chunk
    [InlineData(5, 1, new[] { 1, 1, 1, 1, 1 })]
    public void Float32_vector_is_chunked_as_python_does(int length, long limit, int[] expectedChunks)
    {
        var tensor = new NdArray<float>(Enumerable.Range(0, length).Select(i => i * 1.5f).ToArray(), length);
        var root = new StateDict { { "t", new TensorNode(tensor) } };

        var bytes = MsgPackWriter.ToBytes(root, new SaveOptions { ChunkByteLimit = limit });

        Assert.Equal(expectedChunks, WireChunkLengths(bytes, "t", [length]));
        var back = Assert.IsType<TensorNode>(Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes))["t"]).Tensor;
        Assert.Equal(tensor.AsBytes().ToArray(), back.AsBytes().ToArray());
        Assert.Equal([length], back.Shape);
        Assert.Equal(bytes, MsgPackWriter.ToBytes(Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes)), new SaveOptions { ChunkByteLimit = limit }));
    }

    [Fact]
    public void Matrix_chunks_run_over_the_flattened_c_order_data()
    {
        var tensor = new NdArray<double>(Enumerable.Range(0, 15).Select(i => (double)i).ToArray(), 3, 5);
        var root = new StateDict { { "m", new TensorNode(tensor) } };

        var bytes = MsgPackWriter.ToBytes(root, new SaveOptions { ChunkByteLimit = 48 }); // 6 doubles a chunk

        Assert.Equal([6, 6, 3], WireChunkLengths(bytes, "m", [3, 5]));
        var back = (NdArray<double>)Assert.IsType<TensorNode>(Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes))["m"]).Tensor;
        Assert.Equal([3, 5], back.Shape);
        Assert.Equal(tensor.Data, back.Data);
    }

    [Fact]
    public void Complex128_with_a_limit_below_its_item_size_gets_one_element_chunks()
    {
        var tensor = new NdArray<System.Numerics.Complex>([new(1, 2), new(3, 4)], 2);
        var bytes = MsgPackWriter.ToBytes(new StateDict { { "c", new TensorNode(tensor) } }, new SaveOptions { ChunkByteLimit = 8 });

        Assert.Equal([1, 1], WireChunkLengths(bytes, "c", [2]));
    }

    [Fact]
    public void Top_level_array_over_the_limit_is_chunked_and_reads_back_as_an_array()
    {
        var tensor = new NdArray<int>([1, 2, 3, 4, 5], 5);

        var bytes = MsgPackWriter.ToBytes(new TensorNode(tensor), new SaveOptions { ChunkByteLimit = 8 });

        Assert.Equal(0x83, bytes[0]); // a map of 3: marker, shape, chunks
        var back = (NdArray<int>)Assert.IsType<TensorNode>(MsgPackReader.FromBytes(bytes)).Tensor;
        Assert.Equal(tensor.Data, back.Data);
    }

    [Fact]
    public void Numpy_scalars_and_empty_arrays_are_never_chunked()
    {
        var root = new StateDict { { "s", NumpyScalarNode.From(1.0) }, { "e", new TensorNode(NdArray<float>.Zeros(0)) } };

        var limited = MsgPackWriter.ToBytes(root, new SaveOptions { ChunkByteLimit = 1 });

        Assert.Equal(MsgPackWriter.ToBytes(root), limited);
    }

    [Fact]
    public void Chunked_map_in_any_key_order_is_joined()
    {
        // chunks before shape and the marker last: read generically, then joined by copy.
        var chunk0 = ExtArray("int8", [2], [1, 2]);
        var chunk1 = ExtArray("int8", [1], [3]);
        var hex = "83" + Str("chunks") + "82" + Str("0") + chunk0 + Str("1") + chunk1
            + Str("shape") + "81" + Str("0") + "03"
            + Str("__msgpack_chunked_array__") + "c3";

        var tensor = (NdArray<sbyte>)Assert.IsType<TensorNode>(MsgPackReader.FromBytes(Hex.Bytes(hex))).Tensor;

        Assert.Equal(new sbyte[] { 1, 2, 3 }, tensor.Data);
    }

    [Fact]
    public void Chunked_array_from_a_non_seekable_stream_is_joined()
    {
        var tensor = new NdArray<long>(Enumerable.Range(0, 50).Select(i => (long)i * i).ToArray(), 5, 10);
        var bytes = MsgPackWriter.ToBytes(new StateDict { { "t", new TensorNode(tensor) } }, new SaveOptions { ChunkByteLimit = 56 });

        var back = (NdArray<long>)Assert.IsType<TensorNode>(((StateDict)MsgPackReader.Read(new NonSeekableStream(new MemoryStream(bytes))))["t"]).Tensor;

        Assert.Equal(tensor.Data, back.Data);
        Assert.Equal([5, 10], back.Shape);
    }

    [Fact]
    public void A_chunked_array_opens_as_one_lazy_array_over_its_chunks()
    {
        var tensor = new NdArray<float>(Enumerable.Range(0, 10).Select(i => (float)i).ToArray(), 10);
        using var dir = new Files.TempDirectory();
        var path = dir.File("chunked.msgpack");
        File.WriteAllBytes(path, MsgPackWriter.ToBytes(new StateDict { { "t", new TensorNode(tensor) } }, new SaveOptions { ChunkByteLimit = 16 }));

        using var file = MsgPackCheckpoint.Open(path);

        var lazy = Assert.IsType<TensorNode>(file.RootMap["t"]);
        Assert.False(lazy.IsLoaded);
        Assert.Equal([10], lazy.Shape);
        // Bytes 12..28 span the first two chunks (16 + 16 + 8 bytes).
        var middle = new byte[16];
        lazy.ReadBytes(12, middle);
        Assert.Equal(tensor.AsBytes()[12..28].ToArray(), middle);
        var copy = NdArray<float>.Zeros(10);
        lazy.CopyTo(copy);
        Assert.Equal(tensor.Data, copy.Data);
    }

    internal static string Str(string s) =>
        (0xa0 + s.Length).ToString("x2", CultureInfo.InvariantCulture) + Hex.Of(System.Text.Encoding.ASCII.GetBytes(s));

    internal static string ExtArray(string dtype, int[] shape, byte[] data)
    {
        var payload = "93" + (0x90 + shape.Length).ToString("x2", CultureInfo.InvariantCulture)
            + string.Concat(shape.Select(d => d.ToString("x2", CultureInfo.InvariantCulture)))
            + Str(dtype) + "c4" + data.Length.ToString("x2", CultureInfo.InvariantCulture) + Hex.Of(data);
        return "c7" + (payload.Length / 2).ToString("x2", CultureInfo.InvariantCulture) + "01" + payload;
    }

    /// <summary>The element counts of the chunks of map entry <paramref name="key"/>; empty when it is a plain ext 1.</summary>
    private static int[] WireChunkLengths(byte[] bytes, string key, int[] shape)
    {
        var reader = new MessagePackReader(bytes);
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(key, reader.ReadString());
        if (reader.NextMessagePackType == MessagePackType.Extension) return [];

        Assert.Equal(3, reader.ReadMapHeader());
        Assert.Equal("__msgpack_chunked_array__", reader.ReadString());
        Assert.True(reader.ReadBoolean());
        Assert.Equal("shape", reader.ReadString());
        Assert.Equal(shape.Length, reader.ReadMapHeader());
        for (var i = 0; i < shape.Length; i++)
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), reader.ReadString());
            Assert.Equal(shape[i], reader.ReadInt32());
        }

        Assert.Equal("chunks", reader.ReadString());
        var count = reader.ReadMapHeader();
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), reader.ReadString());
            var ext = reader.ReadExtensionFormat();
            Assert.Equal(1, ext.TypeCode);
            var payload = new MessagePackReader(ext.Data);
            Assert.Equal(3, payload.ReadArrayHeader());
            Assert.Equal(1, payload.ReadArrayHeader());
            lengths[i] = payload.ReadInt32();
        }

        Assert.True(reader.End);
        return lengths;
    }
}
