using System.Buffers;
using System.Numerics;

namespace Checkpoint;

/// <summary>Element-wise conversion between dtypes, used when a load converts losslessly.</summary>
public static class TensorConversion
{
    // Elements converted per step: both sides are streamed through buffers of this many elements.
    private const int StepElements = 64 * 1024;

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/> (same element count), converting each
    /// element, in bounded pieces (any size). Callers check <see cref="DTypes.IsLosslessConversion"/> first; this
    /// method does not.
    /// </summary>
    public static void Convert(INdArray source, INdArray target)
    {
        ArgumentNullException.ThrowIfNull(source);
        Convert(new TensorNode(source), target);
    }

    /// <summary>Converts an array leaf into <paramref name="target"/>, reading a lazy leaf from its file piece by piece.</summary>
    internal static void Convert(TensorNode source, INdArray target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (from, to) = (DTypes.Row(source.DType), DTypes.Row(target.DType));
        var count = source.ByteLength / from.Size;
        if (count != target.Length)
            throw new ArgumentException($"Cannot convert {count} elements into {target.Length}.");
        var input = ArrayPool<byte>.Shared.Rent(StepElements * from.Size);
        var output = ArrayPool<byte>.Shared.Rent(StepElements * to.Size);
        try
        {
            for (long first = 0; first < count; first += StepElements)
            {
                var n = (int)Math.Min(StepElements, count - first);
                var read = input.AsSpan(0, n * from.Size);
                var written = output.AsSpan(0, n * to.Size);
                source.ReadBytes(first * from.Size, read);
                // Every lossless pair fits a Complex (two doubles): integers up to 53 bits, floats up to float64.
                for (var i = 0; i < n; i++) to.WriteValue(written.Slice(i * to.Size, to.Size), from.ReadValue(read.Slice(i * from.Size, from.Size)));
                target.WriteBytes(first * to.Size, written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
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
