namespace Checkpoint.Benchmarks;

/// <summary>One small layer: a 16-element float32 parameter (64 bytes of state).</summary>
public partial class TinyLayer
{
    [Param] public NdArray<float> Weight = NdArray<float>.Zeros(16);
}

/// <summary>
/// A model of many small children — the shape that makes per-entry cost show: 100,000 layers of 16 floats are
/// 6.4 MB of state in 100,000 entries (<c>layers.0.weight</c>, ...).
/// </summary>
[Module]
public partial class WideNet
{
    public WideNet(int layers, float value)
    {
        for (var i = 0; i < layers; i++)
        {
            var layer = new TinyLayer();
            layer.Weight.AsSpan().Fill(value + i);
            Layers.Add(layer);
        }
    }

    public List<TinyLayer> Layers { get; } = [];
}

/// <summary>A model of a few large tensors: 16 float32 tensors of 64 MiB each (1 GiB).</summary>
[Module]
public partial class BigNet
{
    public BigNet(int tensors, int elementsEach)
    {
        for (var i = 0; i < tensors; i++) Weights.Add(new BigLayer(elementsEach, i));
    }

    public partial class BigLayer
    {
        public BigLayer(int elements, int seed)
        {
            W = NdArray<float>.Zeros(elements);
            W.AsSpan().Fill(seed + 0.5f);
        }

        [Param] public NdArray<float> W;
    }

    public List<BigLayer> Weights { get; } = [];
}

/// <summary>The plain-tree twin of <see cref="WideNet"/>: <c>layers.N.weight</c> maps holding the same tensors.</summary>
public static class WideTree
{
    public static StateDict Create(int layers, float value)
    {
        var map = new StateDict(layers);
        for (var i = 0; i < layers; i++)
            map.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new StateDict { ["weight"] = NdArray<float>.Full(value + i, 16) });
        return new StateDict { ["layers"] = map };
    }
}
