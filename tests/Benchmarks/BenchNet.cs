namespace Checkpoint.Benchmarks;

/// <summary>A model of about 40 MiB: two float32 weight matrices and float64 running statistics.</summary>
public partial class BenchNet
{
    public BenchNet(float value)
    {
        Hidden.AsSpan().Fill(value);
        Output.AsSpan().Fill(value);
        RunningMean.AsSpan().Fill(value);
    }

    [Param] public Tensor<float> Hidden = Tensor<float>.Zeros(2048, 2048);

    [Param] public Tensor<float> Output = Tensor<float>.Zeros(2048, 2048);

    [LongTerm] public Tensor<double> RunningMean = Tensor<double>.Zeros(1 << 20);

    [ShortTerm] public Tensor<float> Potential = Tensor<float>.Zeros(2048);
}
