namespace Checkpoint.Tests.Models;

/// <summary>A base model: state of its own, extended by derived models.</summary>
public abstract partial class Neuron
{
    [ShortTerm(Fill = -70)] public NdArray<float> V = NdArray<float>.Zeros(3);

    [Param] public float Threshold = 1f;
}

/// <summary>Derives from a model: its members come after the base's.</summary>
public partial class LeakyNeuron : Neuron
{
    [Param] public float Leak = 0.9f;
}

/// <summary>Two levels of inheritance, sealed.</summary>
public sealed partial class AdaptiveNeuron : LeakyNeuron
{
    [ShortTerm(Fill = 0.5)] public NdArray<float> Adaptation = NdArray<float>.Zeros(3);

    [LongTerm] public int Steps;
}
