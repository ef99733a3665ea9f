namespace Checkpoint;

/// <summary>
/// One state member of a model, seen from the root: its dotted path, kind, dtype, shape, and get/set access
/// to the value. The counterpart of one item of brainstate's <c>net.states(...)</c>.
/// </summary>
public sealed class StateEntry
{
    internal StateEntry(string[] segments, StateKinds kind, StateAccessor accessor, string[] formerPaths)
    {
        Segments = segments;
        Path = string.Join(StateDict.PathSeparator, segments);
        Kind = kind;
        Accessor = accessor;
        FormerPaths = formerPaths;
    }

    /// <summary>The dotted path (<c>Layers.0.Weight</c>, <c>w_out</c>).</summary>
    public string Path { get; }

    /// <summary>The path split into keys.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The key at the last level.</summary>
    public string Key => Segments[^1];

    /// <summary>Exactly one of <see cref="StateKinds.Param"/>, <see cref="StateKinds.LongTerm"/>, <see cref="StateKinds.ShortTerm"/>.</summary>
    public StateKinds Kind { get; }

    /// <summary>Paths this entry had in earlier versions (from <see cref="StateAttribute.FormerNames"/>).</summary>
    public IReadOnlyList<string> FormerPaths { get; }

    /// <summary>Typed access to the member; what loaders and savers use.</summary>
    public StateAccessor Accessor { get; }

    /// <summary>The element type of the value, or null for values that have none (strings, null tensors).</summary>
    public DType? DType => Accessor.DType;

    /// <summary>The current shape; empty for scalars.</summary>
    public IReadOnlyList<int> Shape => Accessor.Shape;

    /// <summary>The declared type of the member.</summary>
    public Type ValueType => Accessor.ValueType;

    /// <summary>The current value (boxed for scalars; the model's own tensor or array otherwise).</summary>
    public object? Value
    {
        get => Accessor.GetValue();
        set => Accessor.SetValue(value);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Path} [{Kind}] {DType?.NumpyName() ?? ValueType.Name}{TensorShape.Format(Shape)}";
}
