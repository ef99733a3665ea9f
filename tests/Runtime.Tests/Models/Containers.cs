namespace Checkpoint.Tests.Models;

/// <summary>Children in a dictionary, an array and a read-only list, with [Module] and no state of its own.</summary>
[Module]
public partial class Ensemble
{
    public Dictionary<string, Linear> Heads = new() { ["left"] = new(2, 1), ["right"] = new(2, 1) };
    public Lif[] Populations = [new(2), new(3)];
    public IReadOnlyList<Linear> Frozen { get; } = [new(1, 1)];
    public Linear? Missing;
}

/// <summary>A generic model.</summary>
public partial class Layer<T> where T : unmanaged
{
    [Param] public NdArray<T> Weight = NdArray<T>.Zeros(2);
    [Param] public T[] Bias = new T[2];
}

/// <summary>Nesting: a model inside a (partial) containing class.</summary>
public static partial class Zoo
{
    public partial class Cell
    {
        [Param] public double Gain = 1;
        public Layer<double> Inner = new();
    }
}

/// <summary>Generic and nested models used as children.</summary>
[Module]
public partial class Mixed
{
    public Layer<float> Floats = new();
    public Layer<int> Ints = new();
    public Zoo.Cell Cell = new();
}
