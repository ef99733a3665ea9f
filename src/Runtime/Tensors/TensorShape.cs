namespace Checkpoint;

/// <summary>Shape helpers shared by tensors, state entries and file readers.</summary>
public static class TensorShape
{
    /// <summary>The number of elements a shape describes, when one .NET array can hold them.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the count is more than one array holds
    /// (use <see cref="ElementCountLong(IReadOnlyList{int})"/> for tensors of any size).</exception>
    public static int ElementCount(IReadOnlyList<int> shape)
    {
        var count = ElementCountLong(shape);
        return count <= Array.MaxLength
            ? (int)count
            : throw new ArgumentException($"Shape {Format(shape)} has more elements than one array can hold.");
    }

    /// <summary>The number of elements a shape describes, as a 64-bit count (no limit of one .NET array).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the count overflows 64 bits.</exception>
    public static long ElementCountLong(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        for (var i = 0; i < shape.Count; i++) count = Multiply(count, shape[i], shape);
        return count;
    }

    /// <summary>The element count of a shape given as a span (tensors check their shapes with it).</summary>
    internal static long ElementCountLong(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            // The shape is copied for the message only (tensors of a model of 100,000 layers come through here).
            if (dim < 0 || (dim != 0 && count > long.MaxValue / dim)) return Multiply(count, dim, shape.ToArray());
            count *= dim;
        }

        return count;
    }

    /// <summary>Numpy-style text of a shape: <c>(2, 3)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string Format(IReadOnlyList<int> shape) =>
        "(" + string.Join(", ", shape) + (shape.Count == 1 ? ",)" : ")");

    /// <summary>Whether two shapes are equal.</summary>
    public static bool Equal(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        if (left.Count != right.Count) return false;
        for (var i = 0; i < left.Count; i++)
            if (left[i] != right[i]) return false;
        return true;
    }

    private static long Multiply(long count, int dim, IReadOnlyList<int> shape)
    {
        if (dim < 0) throw new ArgumentException($"Negative dimension {dim} in shape {Format(shape)}.");
        if (dim != 0 && count > long.MaxValue / dim) throw new ArgumentException($"Shape {Format(shape)} has more than 2^63 elements.");
        return count * dim;
    }
}
