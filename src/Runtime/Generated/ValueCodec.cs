using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// The one mapping between values of <typeparamref name="T"/> and tree nodes: how a value is written as a node,
/// and whether (and how) a node loads into a value. Generated models, plain-tree conversion, templates, config
/// records and registered custom types all go through the codec of their type, so a value saves and loads the
/// same way wherever it appears.
/// </summary>
/// <typeparam name="T">The value type (for reference types, nullable: a null member saves as None).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ValueCodec<T> : ValueCodec
{
    // Only this assembly's codecs: like ValueCodec's, the constructor is not open to subclasses elsewhere.
    private protected ValueCodec()
    {
    }

    /// <inheritdoc />
    public sealed override Type ValueType => typeof(T);

    /// <summary>The node saved for <paramref name="value"/>. Tensors and arrays are referenced, not copied.</summary>
    public abstract StateNode Write(T value);

    /// <summary>
    /// Checks whether <paramref name="source"/> can be loaded into a member holding <paramref name="current"/>, and how:
    /// bytes copied into the member's own memory, a new value, or the reason it cannot. Nothing changes here.
    /// </summary>
    public abstract ValueLoad<T> Read(StateNode source, T current);

    /// <summary>The element dtype of <paramref name="value"/>, or null when the value has none.</summary>
    public virtual DType? DTypeOf(T value) => null;

    /// <summary>The shape of <paramref name="value"/>; empty for scalars.</summary>
    public virtual IReadOnlyList<int> ShapeOf(T value) => [];
}

/// <summary>What every codec tells without its type argument (for <see cref="StateEntry.ValueType"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ValueCodec
{
    private protected ValueCodec()
    {
    }

    /// <summary>The type of the values this codec maps.</summary>
    public abstract Type ValueType { get; }
}
