namespace Checkpoint.Samples;

/// <summary>
/// A two-layer network, tanh(x W1 + b1) W2 + b2, built from its configuration. Paths: <c>encoder.weight</c>,
/// <c>encoder.bias</c>, <c>head.weight</c>, <c>head.bias</c>; config keys <c>n_input</c>, <c>n_hidden</c>, <c>n_output</c>, <c>seed</c>.
/// </summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class Mlp
{
    /// <summary>A network with weights drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public Mlp(int nInput, int nHidden, int nOutput, ulong seed = 1)
    {
        (NInput, NHidden, NOutput, Seed) = (nInput, nHidden, nOutput, seed);
        var rng = new Xoshiro128(seed);
        Encoder = new Dense(nInput, nHidden, rng);
        Head = new Dense(nHidden, nOutput, rng);
    }

    /// <summary>Input size.</summary>
    [Config] public int NInput { get; }

    /// <summary>Hidden size.</summary>
    [Config] public int NHidden { get; }

    /// <summary>Output size.</summary>
    [Config] public int NOutput { get; }

    /// <summary>The seed of the initial weights.</summary>
    [Config] public ulong Seed { get; }

    /// <summary>The first layer.</summary>
    public Dense Encoder { get; set; }

    /// <summary>The readout layer.</summary>
    public Dense Head { get; set; }

    /// <summary>How many samples the model has seen in training (a long-term statistic, saved with the parameters).</summary>
    [LongTerm] public long SamplesSeen { get; set; }

    /// <summary>The network's output for one sample.</summary>
    public float[] Predict(ReadOnlySpan<float> x) => Forward(x, out _);

    /// <summary>Forward pass keeping the hidden activations for backpropagation.</summary>
    public float[] Forward(ReadOnlySpan<float> x, out float[] hidden)
    {
        hidden = Encoder.Forward(x);
        for (var i = 0; i < hidden.Length; i++) hidden[i] = MathF.Tanh(hidden[i]);
        return Head.Forward(hidden);
    }
}
