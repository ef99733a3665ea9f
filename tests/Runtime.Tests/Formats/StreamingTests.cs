using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Reading and writing stream: memory stays near the size of the tensors themselves.</summary>
public sealed class StreamingTests : IDisposable
{
    private const int Elements = 16 * 1024 * 1024; // 64 MiB of float32
    private const long Slack = 1024 * 1024;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"checkpoint-streaming-{Guid.NewGuid():N}.msgpack");

    public void Dispose() => File.Delete(_path);

    private static NdArray<float> LargeTensor()
    {
        var tensor = NdArray<float>.Zeros(Elements);
        for (var i = 0; i < tensor.Data.Length; i += 4096) tensor.Data[i] = i;
        return tensor;
    }

    [Fact]
    public void Large_tensor_is_written_and_read_without_extra_copies()
    {
        var tensor = LargeTensor();
        var root = new StateDict { { "w", new TensorNode(tensor) }, { "step", 3 } };

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var output = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 4096))
            MsgPackWriter.Write(output, root);
        var writeAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        StateNode back;
        using (var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
            back = MsgPackReader.Read(input);
        var readAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(writeAllocated < Slack, $"writing allocated {writeAllocated} bytes");
        Assert.True(readAllocated < tensor.ByteLength + Slack, $"reading allocated {readAllocated} bytes for a {tensor.ByteLength}-byte tensor");
        var read = (NdArray<float>)Assert.IsType<TensorNode>(((StateDict)back)["w"]).Tensor;
        Assert.True(tensor.AsBytes().SequenceEqual(read.AsBytes()));
    }

    [Fact]
    public void Open_then_read_into_an_existing_tensor_allocates_almost_nothing()
    {
        var tensor = LargeTensor();
        using (var output = File.Create(_path))
            MsgPackWriter.Write(output, new StateDict { { "params", new StateDict { { "w", new TensorNode(tensor) } } } });
        var target = NdArray<float>.Zeros(Elements);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var file = MsgPackCheckpoint.Open(_path))
        {
            Assert.True(file.RootMap.TryGetPath("params.w", out var node));
            Assert.IsType<TensorNode>(node).CopyTo(target);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Slack, $"open + read allocated {allocated} bytes");
        Assert.True(tensor.AsBytes().SequenceEqual(target.AsBytes()));
    }

    [Fact]
    public void Non_seekable_stream_lying_about_a_huge_array_fails_without_allocating_it()
    {
        // ext32 ndarray: uint8 shape (2^30,), bin32 of 2^30 bytes, then only 100 bytes of data.
        var payloadHeader = Hex.Bytes("9391ce40000000" + "a5" + Hex.Of("uint8"u8.ToArray()) + "c640000000");
        var bytes = new List<byte>(Hex.Bytes("c9" + (payloadHeader.Length + (1 << 30)).ToString("x8") + "01"));
        bytes.AddRange(payloadHeader);
        bytes.AddRange(new byte[100]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<CheckpointFormatException>(() => MsgPackReader.Read(new NonSeekableStream(new MemoryStream(bytes.ToArray()))));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64L * 1024 * 1024, $"a lying 1 GiB header made the reader allocate {allocated} bytes");
    }

    [Fact]
    public void Non_seekable_stream_large_array_reads_correctly()
    {
        var tensor = NdArray<int>.Zeros(10 * 1024 * 1024); // 40 MiB: more than one collection step
        for (var i = 0; i < tensor.Length; i += 1000) tensor.Data[i] = i;
        var bytes = MsgPackWriter.ToBytes(new StateDict { { "t", new TensorNode(tensor) } });

        var back = MsgPackReader.Read(new BufferedStream(new NonSeekableStream(new MemoryStream(bytes)), 1 << 20));

        Assert.True(tensor.AsBytes().SequenceEqual(((TensorNode)((StateDict)back)["t"]).Tensor.AsBytes()));
    }

    [Fact]
    public void Chunked_large_tensor_is_joined_in_place()
    {
        var tensor = LargeTensor();
        using (var output = File.Create(_path))
            MsgPackWriter.Write(output, new StateDict { { "w", new TensorNode(tensor) } }, new SaveOptions { ChunkByteLimit = 1 << 20 });

        var before = GC.GetAllocatedBytesForCurrentThread();
        StateNode back;
        using (var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
            back = MsgPackReader.Read(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < tensor.ByteLength + Slack, $"reading 64 chunks allocated {allocated} bytes");
        Assert.True(tensor.AsBytes().SequenceEqual(((TensorNode)((StateDict)back)["w"]).Tensor.AsBytes()));
    }
}
