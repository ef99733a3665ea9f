namespace Checkpoint;

/// <summary>Shape helpers shared by tensors, state entries and file readers.</summary>
public static class TensorShape
{
    /// <summary>The number of elements a shape describes; throws for negative or too large shapes.</summary>
    public static int ElementCount(IReadOnlyList<int> shape) => NdArray<byte>.ElementCount(shape.ToArray());

    /// <summary>The number of elements a shape describes, as a 64-bit count (no limit of one .NET array).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the count overflows 64 bits.</exception>
    public static long ElementCountLong(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        for (var i = 0; i < shape.Count; i++)
        {
            var dim = shape[i];
            if (dim < 0) throw new ArgumentException($"Negative dimension {dim} in shape {Format(shape)}.");
            if (dim != 0 && count > long.MaxValue / dim) throw new ArgumentException($"Shape {Format(shape)} has more than 2^63 elements.");
            count *= dim;
        }

        return count;
    }

    /// <summary>Numpy-style text of a shape: <c>(2, 3)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string Format(IReadOnlyList<int> shape) => NdArray<byte>.FormatShape(shape.ToArray());

    /// <summary>Whether two shapes are equal.</summary>
    public static bool Equal(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        if (left.Count != right.Count) return false;
        for (var i = 0; i < left.Count; i++)
            if (left[i] != right[i]) return false;
        return true;
    }
}
