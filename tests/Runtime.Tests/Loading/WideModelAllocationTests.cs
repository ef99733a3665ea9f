using Checkpoint.Generated;

namespace Checkpoint.Runtime.Tests.Loading;

/// <summary>
/// What a save or load of a model of many small layers allocates per layer (the 100,000-layer model, smaller):
/// the file's tree and the model's tree are kept compact, so no node object per layer lives until the load applies or
/// the file is written. Allocation is exact (counted by the GC for this thread); the bounds sit above today's figures
/// (load 154, save 145, open 49 bytes per layer) and well below those of the tree of one map and one array node per
/// layer it replaced (244, 284 and 170).
/// </summary>
public class WideModelAllocationTests
{
    // Per-layer figures are the slope between two sizes, so fixed costs (file buffers, caches) do not count.
    private const int Small = 10_000;
    private const int Large = 30_000;

    [Fact]
    public void A_load_allocates_under_170_bytes_per_layer()
    {
        using var dir = new Files.TempDirectory();
        var perLayer = PerLayer(layers =>
        {
            var path = dir.File($"wide{layers}.msgpack");
            MsgPackCheckpoint.Save(path, new WideModel(layers, 1f));
            var target = new WideModel(layers, 0f);
            return (() => MsgPackCheckpoint.Load(path, target), () => Assert.Equal(layers, target.Layers[^1].Weight.AsSpan()[15]));
        });

        Assert.True(perLayer <= 170, $"a load allocated {perLayer:F1} bytes per layer");
    }

    [Fact]
    public void A_save_allocates_under_160_bytes_per_layer()
    {
        using var dir = new Files.TempDirectory();
        var perLayer = PerLayer(layers =>
        {
            var path = dir.File($"wide{layers}.msgpack");
            var model = new WideModel(layers, 1f);
            return (() => MsgPackCheckpoint.Save(path, model), () => Assert.Equal(layers, ((StateDict)MsgPackCheckpoint.LoadStateDict(path)["layers"]).Count));
        });

        Assert.True(perLayer <= 160, $"a save allocated {perLayer:F1} bytes per layer");
    }

    [Fact]
    public void An_opened_file_holds_about_two_entries_per_layer_until_asked()
    {
        using var dir = new Files.TempDirectory();
        CheckpointFile? file = null;
        var perLayer = PerLayer(layers =>
        {
            var path = dir.File($"wide{layers}.msgpack");
            MsgPackCheckpoint.Save(path, new WideModel(layers, 1f));
            return (() =>
            {
                file?.Dispose();
                file = MsgPackCheckpoint.Open(path);
            }, () =>
            {
                var layer = (StateDict)((StateDict)file!.RootMap["layers"])["7"];
                Assert.Equal(8f, ((NdArray<float>)((TensorNode)layer["weight"]).Tensor).AsSpan()[0]);
            });
        });
        file?.Dispose();

        // Two 24-byte entries per layer (its key in the list, its array in its map); a map and an array node per
        // layer, as the tree was before, are another 104 bytes.
        Assert.True(perLayer <= 64, $"opening allocated {perLayer:F1} bytes per layer");
    }

    // The bytes one more layer costs: (allocated for Large layers - allocated for Small layers) / (Large - Small).
    private static double PerLayer(Func<int, (Action Run, Action Check)> setUp)
    {
        var small = Allocated(setUp(Small));
        var large = Allocated(setUp(Large));
        return (large - small) / (double)(Large - Small);
    }

    private static long Allocated((Action Run, Action Check) operation)
    {
        operation.Run(); // warm up: code, caches and pools are not the layers' doing
        operation.Run();
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        operation.Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        operation.Check();
        return allocated;
    }

    /// <summary>One 16-element float32 parameter, visited the way generated code visits it.</summary>
    private sealed class TinyLayer : IStateful
    {
        private NdArray<float>? _weight = NdArray<float>.Zeros(16);

        public NdArray<float> Weight => _weight!;

        public void VisitState(StateVisitor visitor) =>
            visitor.Value("weight", StateKinds.Param, ref _weight, NdArrayCodec<float>.Instance);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }

    /// <summary>A list of <see cref="TinyLayer"/>s, layer i filled with <c>value + i</c>.</summary>
    private sealed class WideModel : IStateful
    {
        public WideModel(int layers, float value)
        {
            for (var i = 0; i < layers; i++)
            {
                var layer = new TinyLayer();
                layer.Weight.AsSpan().Fill(value + i);
                Layers.Add(layer);
            }
        }

        public List<TinyLayer> Layers { get; } = [];

        public void VisitState(StateVisitor visitor) => visitor.ChildList("layers", Layers);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }
}
