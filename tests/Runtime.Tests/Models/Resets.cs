namespace Checkpoint.Tests.Models;

/// <summary>Every way a short-term member is reset, plus children that must be reset too.</summary>
public partial class Resets
{
    [ShortTerm] public NdArray<float> Cleared = NdArray<float>.Zeros(2);
    [ShortTerm(Fill = -65)] public NdArray<float> Filled = NdArray<float>.Zeros(2);
    [ShortTerm(Initializer = nameof(InitialTrace))] public NdArray<float> Trace = NdArray<float>.Zeros(2);
    [ShortTerm(Fill = 2.5)] public double[,] Grid = new double[2, 2];
    [ShortTerm] public int[] Counts = new int[2];
    [ShortTerm] public float Scalar;
    [ShortTerm(Fill = 3)] public int IntFilled;
    [ShortTerm(Fill = 1)] public bool Flag;
    [ShortTerm(Fill = 2)] public Phase Phase;
    [ShortTerm] public string? Text;
    [Param] public float Weight = 1f;
    public Lif Cell = new(2);
    public List<Lif> Cells = [new(1), new(1)];
    public Dictionary<string, Lif> Named = new() { ["a"] = new(1) };

    public int InitialTraceCalls;

    public NdArray<float> InitialTrace()
    {
        InitialTraceCalls++;
        return NdArray<float>.Full(7f, 3);
    }
}
