using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// What a <see cref="ValueCodec{T}"/> decided about loading one node into one value: a problem, or what to do when
/// the load is applied — copy array bytes into existing memory, set a new value, or both (a new tensor filled
/// from the file, then set).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ValueLoad<T>
{
    internal ValueLoad(string? problem, bool isShapeMismatch, TensorNode? copyFrom, INdArray? copyInto, bool replaces, T replacement)
    {
        Problem = problem;
        IsShapeMismatch = isShapeMismatch;
        CopyFrom = copyFrom;
        CopyInto = copyInto;
        Replaces = replaces;
        Replacement = replacement;
    }

    /// <summary>Why the node cannot be loaded; null when it can.</summary>
    public string? Problem { get; }

    /// <summary>True when the only problem is a differing shape (which a load may be told to skip).</summary>
    public bool IsShapeMismatch { get; }

    /// <summary>The array whose bytes are copied (converted losslessly when dtypes differ) into <see cref="CopyInto"/>.</summary>
    public TensorNode? CopyFrom { get; }

    /// <summary>The memory the bytes go to: the member's own tensor, or the new one in <see cref="Replacement"/>.</summary>
    public INdArray? CopyInto { get; }

    /// <summary>Whether the member is set to <see cref="Replacement"/> (after the copy, if any).</summary>
    public bool Replaces { get; }

    /// <summary>The member's new value when <see cref="Replaces"/>.</summary>
    public T Replacement { get; }

    /// <summary>Whether the node can be loaded.</summary>
    public bool Succeeded => Problem is null;

    /// <summary>The same decision for a value seen as another type (a boxed template leaf).</summary>
    internal ValueLoad<TOther> As<TOther>(TOther replacement) =>
        new(Problem, IsShapeMismatch, CopyFrom, CopyInto, Replaces, replacement);

    /// <summary>Nothing to do (nil into a null member).</summary>
    public static ValueLoad<T> Keep => default;

    /// <summary>Copy the array's bytes into <paramref name="target"/>, the member's own memory.</summary>
    public static ValueLoad<T> CopyIntoExisting(TensorNode source, INdArray target) => new(null, false, source, target, false, default!);

    /// <summary>Set the member to <paramref name="value"/>.</summary>
    public static ValueLoad<T> Replace(T value) => new(null, false, null, null, true, value);

    /// <summary>Fill <paramref name="target"/> from <paramref name="source"/>, then set the member to <paramref name="value"/> (which holds it).</summary>
    public static ValueLoad<T> FillThenReplace(TensorNode source, INdArray target, T value) => new(null, false, source, target, true, value);

    /// <summary>The node cannot be loaded, for <paramref name="reason"/>.</summary>
    public static ValueLoad<T> Fail(string reason) => new(reason ?? throw new ArgumentNullException(nameof(reason)), false, null, null, false, default!);

    /// <summary>The node's shape differs from the member's.</summary>
    public static ValueLoad<T> ShapeMismatch(IReadOnlyList<int> source, IReadOnlyList<int> target) =>
        new($"shape {TensorShape.Format(source)} in the source, {TensorShape.Format(target)} in the target", true, null, null, false, default!);
}
