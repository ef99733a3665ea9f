using Checkpoint;

namespace BuildSample;

// Nothing in this file may be reported.

public class PlainBuffer
{
    public NdArray<float> Data = NdArray<float>.Zeros(1);
}

public partial class GoodLayer<T> where T : unmanaged
{
    [Param] public NdArray<T> Weight = NdArray<T>.Zeros(1);
    [ShortTerm(Initializer = nameof(Rest))] public float[] V = new float[1];
    [Config] public int Size { get; set; } = 1;
    [NotState] private float[] _scratch = new float[1];

    private float[] Rest() => new float[1];
}

public partial class Split
{
    [Param] public float[] A = new float[1];
}

public partial class DerivedGood : Split
{
    [LongTerm] public long Steps;
}

[Module]
public partial class Container
{
    public List<GoodLayer<float>> Layers = new();
    public Dictionary<string, Split> Named = new();
}
