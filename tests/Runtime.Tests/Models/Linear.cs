namespace Checkpoint.Tests.Models;

/// <summary>A dense layer.</summary>
public partial class Linear
{
    public Linear(int inputs, int outputs)
    {
        Weight = NdArray<float>.Zeros(inputs, outputs);
        Bias = NdArray<float>.Zeros(outputs);
    }

    [Param] public NdArray<float> Weight { get; set; }

    [Param] public NdArray<float> Bias { get; set; }
}
