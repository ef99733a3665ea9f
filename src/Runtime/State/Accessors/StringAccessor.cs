namespace Checkpoint;

/// <summary>Access to a <see cref="string"/> member; saved as a msgpack string, null as nil.</summary>
public sealed class StringAccessor(Func<string?> get, Action<string?> set) : StateAccessor
{
    /// <inheritdoc />
    public override Type ValueType => typeof(string);

    /// <inheritdoc />
    public override DType? DType => null;

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc />
    public override object? GetValue() => get();

    /// <inheritdoc />
    public override void SetValue(object? value) => set((string?)value);

    /// <inheritdoc />
    public override StateNode ToNode() => get() is { } text ? new StringNode(text) : NullNode.Instance;

    /// <inheritdoc />
    public override LoadCheck PrepareLoad(StateNode node) => node switch
    {
        StringNode s => LoadCheck.Ok(() => set(s.Value)),
        NullNode => LoadCheck.Ok(() => set(null)),
        _ => LoadCheck.Fail($"expected a string, found {TensorLoading.Describe(node)}"),
    };
}
