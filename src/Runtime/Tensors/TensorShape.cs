namespace Checkpoint;

/// <summary>Shape helpers shared by tensors, state entries and file readers.</summary>
public static class TensorShape
{
    /// <summary>The number of elements a shape describes; throws for negative or too large shapes.</summary>
    public static int ElementCount(IReadOnlyList<int> shape) => NdArray<byte>.ElementCount(shape.ToArray());

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
