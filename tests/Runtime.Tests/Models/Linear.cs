namespace Checkpoint.Tests.Models;

/// <summary>A dense layer.</summary>
public partial class Linear
{
    public Linear(int inputs, int outputs)
    {
        Weight = Tensor<float>.Zeros(inputs, outputs);
        Bias = Tensor<float>.Zeros(outputs);
    }

    [Param] public Tensor<float> Weight { get; set; }

    [Param] public Tensor<float> Bias { get; set; }
}
