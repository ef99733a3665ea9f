using Checkpoint.Generated;

namespace Checkpoint.Runtime.Tests.Files;

/// <summary>
/// Hand-written <see cref="IStateful"/> models (what the generator writes), so these tests do not depend on it.
/// </summary>
internal sealed class Neuron : IStateful
{
    public NdArray<float>? Weight { get; set; } = NdArray<float>.Zeros(2, 3);
    public double[] Bias { get; set; } = new double[3];
    public Quantity? Tau { get; set; } = 10.0 * Units.ms;
    public int Steps { get; set; }
    public NdArray<float>? V { get; set; } = NdArray<float>.Zeros(3);

    private static readonly ArrayCodec<double, double[]> BiasCodec = new(shape => new double[shape[0]]);

    public void VisitState(StateVisitor visitor)
    {
        Visit.Member(visitor, "weight", StateKinds.Param, Weight, v => Weight = v, NdArrayCodec<float>.Instance);
        Visit.Member<double[]?>(visitor, "bias", StateKinds.Param, Bias, v => Bias = v!, BiasCodec);
        Visit.Member(visitor, "tau", StateKinds.Param, Tau, v => Tau = v, QuantityCodec.Instance);
        Visit.Member(visitor, "steps", StateKinds.LongTerm, Steps, v => Steps = v, ScalarCodec<int>.Instance);
        Visit.Member(visitor, "v", StateKinds.ShortTerm, V, v => V = v, NdArrayCodec<float>.Instance);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState() => V?.AsSpan().Clear();

    /// <summary>A neuron whose values all derive from <paramref name="seed"/>, so two seeds never collide.</summary>
    public static Neuron Filled(int seed)
    {
        var neuron = new Neuron { Steps = seed, Tau = (double)seed * Units.ms };
        for (var i = 0; i < 6; i++) neuron.Weight!.Data[i] = seed * 10 + i;
        for (var i = 0; i < 3; i++) neuron.Bias[i] = seed + i / 4.0;
        return neuron;
    }
}

/// <summary>A model with children, for nested paths.</summary>
internal sealed class Network : IStateful
{
    public Neuron Encoder { get; set; } = new();
    public List<Neuron> Layers { get; } = [new(), new()];

    public void VisitState(StateVisitor visitor)
    {
        visitor.Child("encoder", Encoder);
        visitor.ChildList("layers", Layers);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState()
    {
        Encoder.ResetState();
        foreach (var layer in Layers) layer.ResetState();
    }
}

/// <summary>A model with one quantity member, for the unit tests.</summary>
internal sealed class Membrane : IStateful
{
    public Quantity? Tau { get; set; }
    public Quantity? VTh { get; set; }

    public void VisitState(StateVisitor visitor)
    {
        Visit.Member(visitor, "tau", StateKinds.Param, Tau, v => Tau = v, QuantityCodec.Instance);
        Visit.Member(visitor, "v_th", StateKinds.Param, VTh, v => VTh = v, QuantityCodec.Instance);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState()
    {
    }
}

/// <summary>What generated code does for a property member, for the hand-written models here.</summary>
internal static class Visit
{
    public static void Member<T>(StateVisitor visitor, string key, StateKinds kind, T current, Action<T> set, ValueCodec<T> codec)
    {
        var value = current;
        if (visitor.Value(key, kind, ref value, codec)) set(value);
    }
}

/// <summary>A fresh temporary directory per test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ckpt-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
