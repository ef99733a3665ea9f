using Checkpoint.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Converting between formats streams: the bytes allocated are a few buffers, not the arrays (exact counts, not timings).</summary>
public class ConversionMemoryTests : IDisposable
{
    private const int Elements = 8 << 20; // 32 MiB of float32

    private readonly string _dir = Directory.CreateTempSubdirectory("conversion-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_npz_converts_to_safetensors_and_back_without_holding_an_array(bool compressed)
    {
        var npz = Path.Combine(_dir, "big.npz");
        var data = new float[Elements];
        for (var i = 0; i < data.Length; i++) data[i] = i % 1000 * 0.5f;
        NpzCheckpoint.Save(npz, new StateDict { ["w"] = new TensorNode(new NdArray<float>(data, 4096, 2048)) }, options: new SaveOptions { Compressed = compressed });

        var safetensors = Path.Combine(_dir, "big.safetensors");
        long allocated;
        using (var archive = NpzCheckpoint.Open(npz))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            SafeTensorsCheckpoint.Save(safetensors, archive.Root);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(allocated < 4 << 20, $"npz -> safetensors allocated {allocated} bytes for {Elements * 4} bytes of data");

        var again = Path.Combine(_dir, "again.npz");
        using (var file = SafeTensorsCheckpoint.Open(safetensors))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            NpzCheckpoint.Save(again, file.Root, options: new SaveOptions { Compressed = compressed });
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(allocated < 4 << 20, $"safetensors -> npz allocated {allocated} bytes for {Elements * 4} bytes of data");
        var back = (NdArray<float>)((TensorNode)NpzCheckpoint.Load(again)["w"]).Tensor;
        Assert.Equal(data, back.Data);
    }
}
