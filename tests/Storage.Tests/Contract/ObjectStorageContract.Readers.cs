using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Storage.Tests.Contract;

public abstract partial class ObjectStorageContract
{
    [SkippableFact]
    public async Task A_range_outside_the_object_is_refused()
    {
        var storage = await NewStorageAsync();
        await PutAsync(storage, "x.bin", 100, seed: 1);
        await using var reader = await storage.OpenReaderAsync("x.bin");

        Assert.Equal(100, reader.Length);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ReadAsync(90, new byte[11]).AsTask());
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(-1, new byte[1]));
        reader.Read(100, Span<byte>.Empty);
    }

    [SkippableFact]
    public async Task A_reader_never_mixes_two_versions_of_an_object()
    {
        var storage = await NewStorageAsync();
        var first = await PutAsync(storage, "x.bin", 4096, seed: 1);
        await using var reader = await storage.OpenReaderAsync("x.bin");
        var second = await PutAsync(storage, "x.bin", 4096, seed: 2);

        // Object stores refuse (the ETag changed); the local disk keeps reading the file it opened.
        var range = new byte[4096];
        try
        {
            await reader.ReadAsync(0, range);
            Assert.Equal(first, range);
        }
        catch (CheckpointException e)
        {
            Assert.Contains("changed", e.Message);
        }

        Assert.NotEqual(first, second);
    }

    [SkippableFact]
    public async Task A_closed_reader_says_so_with_the_object_name()
    {
        var storage = await NewStorageAsync();
        await PutAsync(storage, "x.bin", 10, seed: 1);
        var reader = await storage.OpenReaderAsync("x.bin");
        reader.Dispose();

        var error = Assert.Throws<CheckpointException>(() => reader.Read(0, new byte[1]));

        Assert.Contains("x.bin", error.Message);
    }

    [SkippableFact]
    public async Task A_lazy_tensor_reads_its_bytes_from_a_storage_object()
    {
        var storage = await NewStorageAsync();
        var values = Enumerable.Range(0, 3 * 1000).Select(i => i * 0.5f).ToArray();
        var payload = new byte[77 + values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(payload.AsSpan(77));
        await storage.WriteAsync("lazy.bin", payload);
        await using var reader = await storage.OpenReaderAsync("lazy.bin");

        var node = new TensorNode(DType.Float32, [3, 1000], new StorageTensorData(reader, 77, values.Length * sizeof(float)));

        Assert.False(node.IsLoaded);
        Assert.Contains("lazy.bin", node.Data!.Location);
        Assert.Equal(values, ((NdArray<float>)node.Tensor).AsSpan().ToArray());
    }

    [SkippableFact]
    public async Task The_msgpack_reader_reads_a_checkpoint_through_a_seekable_storage_stream()
    {
        var storage = await NewStorageAsync();
        var weight = NdArray<float>.FromData(Enumerable.Range(0, 64 * 1024).Select(i => (float)Math.Sin(i)).ToArray(), [256, 256]);
        var bias = NdArray<double>.FromData(Enumerable.Range(0, 256).Select(i => i / 3.0).ToArray(), [256]);
        var layer = new StateDict();
        layer.Add("weight", new TensorNode(weight));
        layer.Add("bias", new TensorNode(bias));
        var root = new StateDict();
        root.Add("layer", layer);
        await storage.WriteAsync("step_1/model.msgpack", (stream, token) =>
        {
            MsgPackWriter.Write(stream, root, cancellationToken: token);
            return Task.CompletedTask;
        });

        // Small buffered reads for the headers, ranged reads straight into the arrays for their bytes.
        await using var reader = await storage.OpenReaderAsync("step_1/model.msgpack");
        using var stream = new StorageReadStream(reader, bufferSize: 4096, leaveOpen: true);
        var tree = (StateDict)MsgPackReader.Read(stream);

        var loaded = (StateDict)tree["layer"];
        Assert.Equal(weight.AsSpan().ToArray(), ((NdArray<float>)((TensorNode)loaded["weight"]).Tensor).AsSpan().ToArray());
        Assert.Equal(bias.AsSpan().ToArray(), ((NdArray<double>)((TensorNode)loaded["bias"]).Tensor).AsSpan().ToArray());
    }
}
