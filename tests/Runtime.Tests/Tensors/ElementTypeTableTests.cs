using System.Numerics;
using System.Runtime.InteropServices;

namespace Checkpoint.Tests.Tensors;

/// <summary>
/// The element-type table is the one place that knows each dtype: these tests check its rows against each other
/// and against the .NET types, so a new or edited row cannot contradict itself.
/// </summary>
public class ElementTypeTableTests
{
    public static TheoryData<DType> AllDTypes()
    {
        var data = new TheoryData<DType>();
        foreach (var dtype in Enum.GetValues<DType>()) data.Add(dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Every_dtype_has_a_row_whose_facts_agree(DType dtype)
    {
        var row = DTypes.Row(dtype);
        Assert.Equal(dtype, row.DType);
        Assert.Equal(Marshal.SizeOf(row.ClrType == typeof(bool) ? typeof(byte) : row.ClrType), row.Size);
        Assert.True(DTypes.TryParse(row.Name, out var parsed));
        Assert.Equal(dtype, parsed);
        Assert.Equal(row.Size, row.Create([3], zeroed: true).AsBytes().Length / 3);
        Assert.Equal(dtype, row.Create([2], zeroed: false).DType);
        if (row.NpyDescr is { } descr)
        {
            // numpy's type string is the kind letter and the item size.
            Assert.Equal(row.Kind, descr[1]);
            Assert.Equal(row.Size, int.Parse(descr[2..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void A_boxed_scalar_saves_and_loads_back_through_its_row(DType dtype)
    {
        var row = DTypes.Row(dtype);
        var one = Box(dtype, 1);
        Assert.Equal(row.ClrType, one.GetType());
        var node = row.ScalarNode(one);
        var load = row.BoxedScalarCodec.Read(node, Box(dtype, 0));
        Assert.Null(load.Problem);
        Assert.Equal(one, load.Replacement);
    }

    /// <summary>A boxed .NET scalar of a dtype, written through a view of a one-element array of its row's type.</summary>
    private static object Box(DType dtype, double value)
    {
        var row = DTypes.Row(dtype);
        var array = Array.CreateInstance(row.ClrType, 1);
        TensorConversion.Write(dtype, row.View(array).AsBytes(), 0, value);
        return array.GetValue(0)!;
    }

    /// <summary>
    /// A conversion the table calls lossless keeps every sample value exactly; one it calls lossy loses at least one
    /// of them. The samples are the edges of every type (extremes, the first fraction each float type cannot hold,
    /// subnormals, an imaginary part), so the table can be neither too strict nor too lax.
    /// </summary>
    [Fact]
    public void Lossless_conversions_are_exactly_those_that_keep_every_sample()
    {
        var wrong = new List<string>();
        foreach (var from in Enum.GetValues<DType>())
        foreach (var to in Enum.GetValues<DType>())
        {
            if (from == to) continue;
            var keepsAll = Samples(from).All(sample => Survives(from, sample, to));
            if (keepsAll != DTypes.IsLosslessConversion(from, to))
                wrong.Add($"{from.NumpyName()} -> {to.NumpyName()}: table says lossless={!keepsAll}");
        }

        Assert.Empty(wrong);
    }

    private static IEnumerable<byte[]> Samples(DType dtype)
    {
        var size = dtype.ItemSize();
        if (dtype.IsInteger() || dtype == DType.Bool)
        {
            var (min, max) = dtype == DType.Bool ? (0, 1) : DTypes.IntegerRange(dtype);
            foreach (var value in new[] { min, max, (Int128)0 })
            {
                var bytes = new byte[16];
                MemoryMarshal.Write(bytes, in value);
                yield return bytes[..size];
            }

            yield break;
        }

        Complex[] values =
        [
            65504, 3.3895313892515355e38, float.MaxValue, double.MaxValue, 1 + Math.Pow(2, -7), 1 + Math.Pow(2, -10),
            1 + Math.Pow(2, -23), 1 + Math.Pow(2, -52), Math.Pow(2, -24), 1e-45, 0.5, -1, new Complex(1, 1),
            new Complex(1, 1 + Math.Pow(2, -52)),
        ];
        foreach (var value in values)
        {
            var bytes = new byte[size];
            TensorConversion.Write(dtype, bytes, 0, value);
            var back = TensorConversion.Read(dtype, bytes, 0);
            if (double.IsFinite(back.Real) && double.IsFinite(back.Imaginary)) yield return bytes;
        }
    }

    private static bool Survives(DType from, byte[] sample, DType to)
    {
        var target = new byte[to.ItemSize()];
        var exact = Exact(from, sample);
        if (exact is Int128 integer && to.IsInteger())
        {
            var (min, max) = DTypes.IntegerRange(to);
            if (integer < min || integer > max) return false;
        }

        TensorConversion.Write(to, target, 0, TensorConversion.Read(from, sample, 0));
        return Equals(exact, Exact(to, target)) || SameNumber(exact, Exact(to, target));
    }

    // Integers as exact Int128 (int64 beyond 2^53 too); everything else as a complex number.
    private static object Exact(DType dtype, byte[] bytes) =>
        dtype.IsInteger() ? DTypes.ReadInteger(dtype, bytes, 0)
        : dtype == DType.Bool ? (Int128)bytes[0]
        : TensorConversion.Read(dtype, bytes, 0);

    private static bool SameNumber(object a, object b) => (a, b) switch
    {
        (Int128 i, Complex c) => c.Imaginary == 0 && Math.Floor(c.Real) == c.Real && Math.Abs(c.Real) < 1.7e38 && (Int128)c.Real == i,
        (Complex c, Int128 i) => SameNumber(i, c),
        _ => false,
    };
}
