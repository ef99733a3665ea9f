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

    public void CollectStates(StateCollector collector)
    {
        collector.Add("weight", StateKinds.Param, new TensorAccessor<float>(() => Weight, v => Weight = v));
        collector.Add("bias", StateKinds.Param, new ArrayAccessor<double, double[]>(() => Bias, v => Bias = v, shape => new double[shape[0]]));
        collector.Add("tau", StateKinds.Param, new QuantityAccessor(() => Tau, v => Tau = v));
        collector.Add("steps", StateKinds.LongTerm, new ScalarAccessor<int>(() => Steps, v => Steps = v));
        collector.Add("v", StateKinds.ShortTerm, new TensorAccessor<float>(() => V, v => V = v));
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => StateCollector.Collect(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => StateTree.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => StateLoader.Load(this, source, options);

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

    public void CollectStates(StateCollector collector)
    {
        collector.Child("encoder", Encoder);
        collector.ChildList("layers", Layers);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => StateCollector.Collect(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => StateTree.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => StateLoader.Load(this, source, options);

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

    public void CollectStates(StateCollector collector)
    {
        collector.Add("tau", StateKinds.Param, new QuantityAccessor(() => Tau, v => Tau = v));
        collector.Add("v_th", StateKinds.Param, new QuantityAccessor(() => VTh, v => VTh = v));
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => StateCollector.Collect(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => StateTree.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => StateLoader.Load(this, source, options);

    public void ResetState()
    {
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
