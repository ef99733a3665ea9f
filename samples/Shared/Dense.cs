namespace Checkpoint.Samples;

/// <summary>A dense layer, y = x W + b; the weight is initialised from a seeded generator.</summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class Dense
{
    /// <summary>A layer with small random weights and zero bias.</summary>
    public Dense(int inputs, int outputs, Xoshiro128 rng)
    {
        Weight = NdArray<float>.Zeros(inputs, outputs);
        Bias = NdArray<float>.Zeros(outputs);
        var scale = 1f / MathF.Sqrt(inputs);
        foreach (ref var w in Weight.AsSpan()) w = (rng.NextFloat() * 2f - 1f) * scale;
    }

    /// <summary>The weight matrix, inputs by outputs.</summary>
    [Param] public NdArray<float> Weight { get; set; }

    /// <summary>The bias vector.</summary>
    [Param] public NdArray<float> Bias { get; set; }

    /// <summary>Input size.</summary>
    public int Inputs => Weight.Shape[0];

    /// <summary>Output size.</summary>
    public int Outputs => Weight.Shape[1];

    /// <summary>y = x W + b for one sample.</summary>
    public float[] Forward(ReadOnlySpan<float> x)
    {
        var y = (float[])Bias.Data.Clone();
        var w = Weight.Data;
        for (var i = 0; i < Inputs; i++)
        {
            var xi = x[i];
            for (var o = 0; o < Outputs; o++) y[o] += xi * w[i * Outputs + o];
        }

        return y;
    }
}
