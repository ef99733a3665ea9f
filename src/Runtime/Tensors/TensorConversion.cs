using System.Numerics;

namespace Checkpoint;

/// <summary>Element-wise conversion between dtypes, used when a load converts losslessly.</summary>
public static class TensorConversion
{
    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/> (same element count), converting each
    /// element. Callers check <see cref="DTypes.IsLosslessConversion"/> first; this method does not.
    /// </summary>
    public static void Convert(INdArray source, INdArray target)
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"Cannot convert {source.Length} elements into {target.Length}.");
        var from = source.AsBytes();
        var to = target.AsBytes();
        for (var i = 0; i < source.Length; i++)
        {
            // Every lossless pair fits a Complex (two doubles): integers up to 53 bits, floats up to float64.
            Write(target.DType, to, i, Read(source.DType, from, i));
        }
    }

    /// <summary>Reads element <paramref name="index"/> of raw little-endian tensor bytes (real dtypes: the real part).</summary>
    public static Complex Read(DType dtype, ReadOnlySpan<byte> bytes, int index)
    {
        var row = DTypes.Row(dtype);
        return row.ReadValue(bytes.Slice(index * row.Size, row.Size));
    }

    /// <summary>Writes element <paramref name="index"/> of raw little-endian tensor bytes (real dtypes: the real part).</summary>
    public static void Write(DType dtype, Span<byte> bytes, int index, Complex value)
    {
        var row = DTypes.Row(dtype);
        row.WriteValue(bytes.Slice(index * row.Size, row.Size), value);
    }
}
