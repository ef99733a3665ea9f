using System.Buffers;
using System.Numerics;
using Checkpoint.Cli.Arrays;

namespace Checkpoint.Cli.Diffing;

/// <summary>
/// How two arrays of the same shape differ element by element: how many elements differ and the largest absolute
/// difference. Both arrays are read in bounded pieces from wherever they are (memory or file), so arrays of any size
/// are compared in a few megabytes. Integers compare exactly; NaN equals NaN and -0 equals 0 (as
/// <c>np.array_equal(a, b, equal_nan=True)</c>); values of different dtypes compare as numbers.
/// </summary>
/// <param name="Compared">The number of elements compared.</param>
/// <param name="Differing">How many differ.</param>
/// <param name="MaxAbsDifference">The largest |a - b| among differing elements that are not NaN on one side only (0 when none).</param>
/// <param name="NaNMismatches">How many elements are NaN on one side only.</param>
internal readonly record struct ElementComparison(long Compared, long Differing, double MaxAbsDifference, long NaNMismatches)
{
    public static ElementComparison Compare(TensorNode a, TensorNode b, CancellationToken cancellationToken)
    {
        var count = TensorPieces.ElementCount(a);
        int sizeA = a.DType.ItemSize(), sizeB = b.DType.ItemSize();
        var sameDType = a.DType == b.DType;
        var perPiece = (int)Math.Min(Math.Max(1, count), TensorPieces.PieceLength / Math.Max(sizeA, sizeB));
        var bufferA = ArrayPool<byte>.Shared.Rent(perPiece * sizeA);
        var bufferB = ArrayPool<byte>.Shared.Rent(perPiece * sizeB);
        long differing = 0, nanMismatches = 0;
        double max = 0;
        try
        {
            for (long start = 0; start < count; start += perPiece)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(perPiece, count - start);
                var pieceA = bufferA.AsSpan(0, n * sizeA);
                var pieceB = bufferB.AsSpan(0, n * sizeB);
                a.ReadBytes(start * sizeA, pieceA);
                b.ReadBytes(start * sizeB, pieceB);
                if (sameDType && pieceA.SequenceEqual(pieceB)) continue;
                for (var i = 0; i < n; i++)
                {
                    if (sameDType && pieceA.Slice(i * sizeA, sizeA).SequenceEqual(pieceB.Slice(i * sizeB, sizeB))) continue;
                    var difference = Difference(TensorValues.Read(a.DType, pieceA, i), TensorValues.Read(b.DType, pieceB, i));
                    if (difference == 0) continue;
                    differing++;
                    if (double.IsNaN(difference)) nanMismatches++;
                    else max = Math.Max(max, difference);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bufferA);
            ArrayPool<byte>.Shared.Return(bufferB);
        }

        return new ElementComparison(count, differing, max, nanMismatches);
    }

    /// <summary>|a - b|: 0 for equal values (NaN and NaN included), NaN when one side only is NaN.</summary>
    private static double Difference(TensorValues.Element a, TensorValues.Element b)
    {
        if ((a.IsInteger || a.IsBool) && (b.IsInteger || b.IsBool)) return (double)Int128.Abs(a.Integer - b.Integer);
        if (SameOrBothNaN(a.Value.Real, b.Value.Real) && SameOrBothNaN(a.Value.Imaginary, b.Value.Imaginary)) return 0;
        var difference = Complex.Abs(a.Value - b.Value);
        // Infinities of one sign on both sides are equal (handled above); inf against anything else is infinitely apart.
        return double.IsNaN(difference) && !HasNaN(a.Value) && !HasNaN(b.Value) ? double.PositiveInfinity : difference;
    }

    private static bool SameOrBothNaN(double x, double y) => x == y || (double.IsNaN(x) && double.IsNaN(y));

    private static bool HasNaN(Complex value) => double.IsNaN(value.Real) || double.IsNaN(value.Imaginary);
}
