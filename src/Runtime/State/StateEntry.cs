using Checkpoint.Generated;
using Checkpoint.Loading;

namespace Checkpoint;

/// <summary>
/// One state member of a model, seen from the root: its dotted path, kind, dtype, shape, and get/set access
/// to the value. The counterpart of one item of brainstate's <c>net.states(...)</c>.
/// </summary>
/// <remarks>
/// An entry remembers the model that owns the member and the member's position in it; reading or setting
/// <see cref="Value"/> visits that one model again, so listing entries allocates no accessor per member.
/// </remarks>
public sealed class StateEntry
{
    private readonly IStateful _owner;
    private readonly int _position;
    private readonly PathTable _paths;
    private readonly int _parent;
    private readonly string[]? _formerKeys;
    private readonly ValueCodec _codec;
    private string? _path;

    internal StateEntry(IStateful owner, int position, PathTable paths, int parent, string key, StateKinds kind, string[]? formerKeys, ValueCodec codec)
    {
        _owner = owner;
        _position = position;
        _paths = paths;
        _parent = parent;
        _formerKeys = formerKeys;
        _codec = codec;
        Key = key;
        Kind = kind;
    }

    /// <summary>The dotted path (<c>Layers.0.Weight</c>, <c>w_out</c>).</summary>
    public string Path => _path ??= _paths.Join(_parent, Key);

    /// <summary>The path split into keys.</summary>
    public IReadOnlyList<string> Segments => [.. _paths.Segments(_parent), Key];

    /// <summary>The key at the last level.</summary>
    public string Key { get; }

    /// <summary>Exactly one of <see cref="StateKinds.Param"/>, <see cref="StateKinds.LongTerm"/>, <see cref="StateKinds.ShortTerm"/>.</summary>
    public StateKinds Kind { get; }

    /// <summary>Paths this entry had in earlier versions (from <see cref="StateAttribute.FormerNames"/>).</summary>
    public IReadOnlyList<string> FormerPaths => _formerKeys is null ? [] : _formerKeys.Select(k => _paths.Join(_parent, k)).ToArray();

    /// <summary>The element type of the value, or null for values that have none (strings).</summary>
    public DType? DType => EntryAccess.Describe(_owner, _position).DType;

    /// <summary>The current shape; empty for scalars.</summary>
    public IReadOnlyList<int> Shape => EntryAccess.Describe(_owner, _position).Shape;

    /// <summary>The declared type of the member (nullable reference types as their type).</summary>
    public Type ValueType => _codec.ValueType;

    /// <summary>The current value (boxed for scalars; the model's own tensor or array otherwise); setting it sets the member.</summary>
    /// <exception cref="InvalidCastException">Setting a value of another type than <see cref="ValueType"/>.</exception>
    public object? Value
    {
        get => EntryAccess.Get(_owner, _position);
        set => EntryAccess.Set(_owner, _position, value);
    }

    /// <summary>The member as a tree node, written by the codec of its type (tensors referenced, not copied).</summary>
    internal StateNode ToNode() => EntryAccess.Write(_owner, _position);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Path} [{Kind}] {DType?.NumpyName() ?? ValueType.Name}{TensorShape.Format(Shape)}";
}
