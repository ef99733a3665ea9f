namespace Checkpoint.Tests.Models;

/// <summary>A leaky integrate-and-fire population: short-term potential, learnable time constant, a spike counter.</summary>
public partial class Lif
{
    public Lif(int n) { V = NdArray<float>.Zeros(n); }

    [ShortTerm(Fill = -65)] public NdArray<float> V;

    [Param] public float Tau = 10f;

    [LongTerm] public long SpikeCount;
}
