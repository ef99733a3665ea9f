using System.Diagnostics.CodeAnalysis;

namespace Checkpoint.Generated;

/// <summary>The steps every array-holding codec shares: finding the source array, checking shape and dtype.</summary>
internal static class TensorLoads
{
    /// <summary>The array a node holds: an array leaf, or a numpy scalar's zero-dimensional value.</summary>
    public static bool TryGetSource(StateNode node, [NotNullWhen(true)] out TensorNode? source, [NotNullWhen(false)] out string? problem)
    {
        source = node switch
        {
            TensorNode tensor => tensor,
            NumpyScalarNode scalar => new TensorNode(scalar.Value),
            _ => null,
        };
        problem = source is null ? $"expected an array, found {Describe(node)}" : null;
        return source is not null;
    }

    /// <summary>Loads into <paramref name="target"/>, the member's own memory: same shape, dtype converted losslessly.</summary>
    public static ValueLoad<T> IntoExisting<T>(TensorNode source, INdArray target)
    {
        if (!TensorShape.Equal(source.Shape, target.Shape)) return ValueLoad<T>.ShapeMismatch(source.Shape, target.Shape);
        return DTypeProblem(source.DType, target.DType) is { } problem
            ? ValueLoad<T>.Fail(problem)
            : ValueLoad<T>.CopyIntoExisting(source, target);
    }

    /// <summary>Loads into <paramref name="created"/>, new memory of the source's shape held by <paramref name="value"/>.</summary>
    public static ValueLoad<T> IntoNew<T>(TensorNode source, INdArray created, T value) =>
        DTypeProblem(source.DType, created.DType) is { } problem
            ? ValueLoad<T>.Fail(problem)
            : ValueLoad<T>.FillThenReplace(source, created, value);

    /// <summary>
    /// Moves the bytes of a planned copy (<see cref="ValueLoad{T}.CopyFrom"/> into <see cref="ValueLoad{T}.CopyInto"/>):
    /// streamed from the file when the dtypes agree, converted otherwise (the codec has checked it is lossless).
    /// </summary>
    public static void Fill(TensorNode source, INdArray target)
    {
        if (source.DType == target.DType) source.CopyTo(target);
        else TensorConversion.Convert(source, target);
    }

    /// <summary>Why values of <paramref name="from"/> cannot load into <paramref name="to"/>; null when they can.</summary>
    public static string? DTypeProblem(DType from, DType to) =>
        DTypes.IsLosslessConversion(from, to)
            ? null
            : $"dtype {from.NumpyName()} in the source cannot be converted losslessly to {to.NumpyName()}";

    /// <summary>A node in words, for messages (<c>an array float32(2, 3)</c>, <c>a map</c>, <c>a string ('x')</c>).</summary>
    public static string Describe(StateNode node) => node switch
    {
        TensorNode t => $"an array {t.DType.NumpyName()}{TensorShape.Format(t.Shape)}",
        NumpyScalarNode s => $"a {s.Value.DType.NumpyName()} scalar",
        StateDict => "a map",
        _ => $"a {node.Kind.ToString().ToLowerInvariant()} ({node})",
    };
}
