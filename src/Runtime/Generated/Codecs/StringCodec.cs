using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary><see cref="string"/> values: a msgpack string; null is None both ways.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StringCodec : ValueCodec<string?>
{
    private StringCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static StringCodec Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(string? value) => value is null ? NullNode.Instance : new StringNode(value);

    /// <inheritdoc />
    public override ValueLoad<string?> Read(StateNode source, string? current) => source switch
    {
        StringNode text => ValueLoad<string?>.Replace(text.Value),
        NullNode => ValueLoad<string?>.Replace(null),
        _ => ValueLoad<string?>.Fail($"expected a string, found {TensorLoads.Describe(source)}"),
    };
}
