using Checkpoint;

namespace QuickStart.Models;

/// <summary>A linear readout of spikes: learnable weights and bias.</summary>
public partial class Readout
{
    public Readout(int inputs, int outputs, Random random)
    {
        Weight = NdArray<float>.Zeros(inputs, outputs);
        Bias = NdArray<float>.Zeros(outputs);
        foreach (ref var w in Weight.AsSpan()) w = (float)(random.NextDouble() - 0.5);
    }

    [Param] public NdArray<float> Weight;

    [Param] public NdArray<float> Bias;

    public float[] Forward(ReadOnlySpan<float> x)
    {
        var (inputs, outputs) = (Weight.Shape[0], Weight.Shape[1]);
        var y = Bias.Data.ToArray();
        for (var i = 0; i < inputs; i++)
        {
            if (x[i] == 0f) continue;
            for (var o = 0; o < outputs; o++) y[o] += x[i] * Weight[i, o];
        }

        return y;
    }
}
