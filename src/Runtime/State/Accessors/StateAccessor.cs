namespace Checkpoint;

/// <summary>
/// Typed get/set access to one state member, created by generated code with lambdas over the member
/// (no reflection). Turns the value into a <see cref="StateNode"/> and checks and applies a loaded node.
/// </summary>
public abstract class StateAccessor
{
    /// <summary>The declared type of the member.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The element dtype, or null when the value has none.</summary>
    public abstract DType? DType { get; }

    /// <summary>The current shape; empty for scalars.</summary>
    public abstract IReadOnlyList<int> Shape { get; }

    /// <summary>The current value (boxed for value types).</summary>
    public abstract object? GetValue();

    /// <summary>Sets the value; it must be of <see cref="ValueType"/> (or null where the member allows it).</summary>
    public abstract void SetValue(object? value);

    /// <summary>The value as a node. Tensors and arrays are referenced, not copied.</summary>
    public abstract StateNode ToNode();

    /// <summary>
    /// Checks whether <paramref name="node"/> can be loaded into this member. On success returns an action that
    /// applies it (nothing changes until it runs); otherwise a <see cref="LoadCheck"/> with the reason.
    /// </summary>
    public abstract LoadCheck PrepareLoad(StateNode node);
}

/// <summary>The outcome of <see cref="StateAccessor.PrepareLoad"/>.</summary>
public readonly struct LoadCheck
{
    private LoadCheck(Action? apply, string? reason, bool isShapeMismatch)
    {
        Apply = apply;
        Reason = reason;
        IsShapeMismatch = isShapeMismatch;
    }

    /// <summary>Applies the load; null when the check failed.</summary>
    public Action? Apply { get; }

    /// <summary>Why the node cannot be loaded; null on success.</summary>
    public string? Reason { get; }

    /// <summary>True when the only problem is a differing shape (which a load may be told to skip).</summary>
    public bool IsShapeMismatch { get; }

    /// <summary>Whether the node can be loaded.</summary>
    public bool Succeeded => Apply is not null;

    /// <summary>A successful check.</summary>
    public static LoadCheck Ok(Action apply) => new(apply, null, false);

    /// <summary>A failed check.</summary>
    public static LoadCheck Fail(string reason) => new(null, reason, false);

    /// <summary>A failed check caused by a differing shape.</summary>
    public static LoadCheck ShapeMismatch(IReadOnlyList<int> source, IReadOnlyList<int> target) =>
        new(null, $"shape {TensorShape.Format(source)} in the source, {TensorShape.Format(target)} in the target", true);
}
