namespace Checkpoint.Tests.Models;

/// <summary>The network of the README: a child, a list of children and a renamed readout.</summary>
public partial class SimpleNet
{
    public Lif Lif = new(100);

    public List<Linear> Layers = [new(100, 64), new(64, 10)];

    [Param(Name = "w_out")] public NdArray<float> Readout = NdArray<float>.Zeros(10, 10);
}
