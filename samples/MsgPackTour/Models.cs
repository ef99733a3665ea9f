using Checkpoint;

namespace MsgPackTour;

/// <summary>The guide's SimpleModel: a weight, a bias and a running mean, with Python-style keys.</summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class SimpleModel
{
    [Param] public NdArray<float> Weight = new([1f, 2f, 3f, 4f], 2, 2);
    [Param] public NdArray<float> Bias = new([0.1f, 0.2f], 2);
    [LongTerm] public NdArray<float> RunningMean = NdArray<float>.Zeros(2);
}

/// <summary>The guide's CustomLayer: not a model, saved through a registered conversion.</summary>
public sealed class CustomLayer(int inputSize, int outputSize)
{
    public int InputSize { get; } = inputSize;
    public int OutputSize { get; } = outputSize;
    public NdArray<double> Weights { get; set; } = NdArray<double>.Full(0.5, inputSize, outputSize);
    public NdArray<double> Bias { get; set; } = NdArray<double>.Zeros(outputSize);
}
