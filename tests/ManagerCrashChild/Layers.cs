using Checkpoint.Generated;

namespace Checkpoint.TestModels;

/// <summary>
/// A hand-written model for the sharded tests (the child process and tests/Storage.Tests, which links this file;
/// neither uses the generator): several tensors of different sizes, so a sharded save spreads them over the ranks,
/// and a counter, all filled with one number, so restored content identifies the step and a mix of two saves shows.
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

    /// <summary>Whether every value is <paramref name="value"/>.</summary>
    public bool Holds(long value) => _counter == value && _layers.All(l => l!.Data.All(v => v == value));

    /// <summary>The single value the model holds.</summary>
    /// <exception cref="InvalidOperationException">Its values disagree (a mix of two saves).</exception>
    public long Value() => Holds(_counter) ? _counter : throw new InvalidOperationException($"The model mixes values: counter {_counter}, layers {string.Join(", ", _layers.Select(l => l!.Data[0]))}.");

    /// <summary>The first value of one layer (for partial loads).</summary>
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
