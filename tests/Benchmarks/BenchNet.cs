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

    [Param] public NdArray<float> Hidden = NdArray<float>.Zeros(2048, 2048);

    [Param] public NdArray<float> Output = NdArray<float>.Zeros(2048, 2048);

    [LongTerm] public NdArray<double> RunningMean = NdArray<double>.Zeros(1 << 20);

    [ShortTerm] public NdArray<float> Potential = NdArray<float>.Zeros(2048);
}
