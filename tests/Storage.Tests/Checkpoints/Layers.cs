using Checkpoint.Generated;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// A hand-written model (this project has no generator): several tensors of different sizes and a counter, all
/// filled with one number, so restored content identifies the step and a mix of two saves shows.
/// </summary>
internal sealed class Layers : IStateful
{
    private readonly NdArray<float>?[] _layers;
    private long _counter;

    public Layers(int count = 6, int elements = 4096) =>
        _layers = Enumerable.Range(0, count).Select(i => (NdArray<float>?)NdArray<float>.Zeros(Math.Max(1, elements / (i + 1)))).ToArray();

    /// <summary>The dotted paths of the state, in order.</summary>
    public IEnumerable<string> Paths => Enumerable.Range(0, _layers.Length).Select(i => $"layer{i}").Append("counter");

    public Layers Fill(long value)
    {
        foreach (var layer in _layers) layer!.AsSpan().Fill(value);
        _counter = value;
        return this;
    }

    /// <summary>The single value the model holds; fails when its values disagree.</summary>
    public long Value()
    {
        foreach (var layer in _layers) Assert.All(layer!.Data, v => Assert.Equal((float)_counter, v));
        return _counter;
    }

    /// <summary>The value of one layer (for partial loads).</summary>
    public float LayerValue(int index) => _layers[index]!.Data[0];

    public void VisitState(StateVisitor visitor)
    {
        for (var i = 0; i < _layers.Length; i++)
            visitor.Value($"layer{i}", StateKinds.Param, ref _layers[i], NdArrayCodec<float>.Instance);
        visitor.Value("counter", StateKinds.LongTerm, ref _counter, ScalarCodec<long>.Instance);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState()
    {
    }
}
