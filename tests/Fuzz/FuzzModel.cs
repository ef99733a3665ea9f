using System.Numerics;

namespace Checkpoint.Fuzz;

/// <summary>A generated model with a member of most kinds, children and a list of children: the load target.</summary>
public partial class FuzzModel
{
    [Param] public NdArray<float> Weight = NdArray<float>.Zeros(3, 2);
    [Param] public double[] Bias = new double[2];
    [Param] public NdArray<Half> Small = NdArray<Half>.Zeros(4);
    [Param] public long Count;
    [Param] public ulong Big;
    [Param] public bool Flag;
    [Param] public Complex Phase;
    [LongTerm] public string Label = "";
    [LongTerm] public int[] History = new int[3];
    [ShortTerm] public NdArray<byte> Mask = NdArray<byte>.Zeros(5);
    public FuzzChild Child = new();
    public List<FuzzChild> Layers = [new(), new()];

    /// <summary>A model whose every value derives from <paramref name="value"/>.</summary>
    public static FuzzModel Filled(int value)
    {
        var model = new FuzzModel { Count = value, Big = (ulong)value << 40, Flag = value % 2 == 1, Phase = new Complex(value, -value), Label = $"fill {value}" };
        model.Weight.AsSpan().Fill(value);
        Array.Fill(model.Bias, value / 2.0);
        model.Small.AsSpan().Fill((Half)value);
        Array.Fill(model.History, value);
        model.Mask.AsSpan().Fill((byte)value);
        model.Child.Gain = value;
        foreach (var layer in model.Layers) layer.Gain = -value;
        return model;
    }
}

/// <summary>A child module.</summary>
public partial class FuzzChild
{
    [Param] public double Gain = 1;
    [Param] public NdArray<int> Indices = NdArray<int>.Zeros(2);
}
