using System.Numerics;

namespace Checkpoint;

/// <summary>Facts about <see cref="DType"/> values: numpy names, element sizes and the .NET element types.</summary>
public static class DTypes
{
    private static readonly string[] Names =
    [
        "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "bfloat16", "float32", "float64", "complex64", "complex128",
    ];

    private static readonly int[] Sizes = [1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 2, 4, 8, 8, 16];

    /// <summary>The numpy <c>dtype.name</c> written into files (<c>float32</c>, <c>bfloat16</c>, ...).</summary>
    public static string NumpyName(this DType dtype) => Names[(int)dtype];

    /// <summary>Bytes per element.</summary>
    public static int ItemSize(this DType dtype) => Sizes[(int)dtype];

    /// <summary>True for float16, bfloat16, float32 and float64.</summary>
    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float16 or DType.BFloat16 or DType.Float32 or DType.Float64;

    /// <summary>True for complex64 and complex128.</summary>
    public static bool IsComplex(this DType dtype) => dtype is DType.Complex64 or DType.Complex128;

    /// <summary>Parses a numpy dtype name; returns false for names this library has no element type for.</summary>
    public static bool TryParse(string? name, out DType dtype)
    {
        var index = name is null ? -1 : Array.IndexOf(Names, name);
        dtype = index < 0 ? default : (DType)index;
        return index >= 0;
    }

    /// <summary>The dtype of an element type, or throws for types that are not tensor elements.</summary>
    public static DType Of<T>() where T : unmanaged =>
        TryOf<T>(out var dtype)
            ? dtype
            : throw new NotSupportedException($"{typeof(T)} is not a tensor element type.");

    /// <summary>The dtype of an element type; false for types that are not tensor elements.</summary>
    public static bool TryOf<T>(out DType dtype) where T : unmanaged
    {
        // typeof(T) == typeof(X) comparisons are folded by the JIT: no reflection happens here.
        if (typeof(T) == typeof(bool)) { dtype = DType.Bool; return true; }
        if (typeof(T) == typeof(sbyte)) { dtype = DType.Int8; return true; }
        if (typeof(T) == typeof(short)) { dtype = DType.Int16; return true; }
        if (typeof(T) == typeof(int)) { dtype = DType.Int32; return true; }
        if (typeof(T) == typeof(long)) { dtype = DType.Int64; return true; }
        if (typeof(T) == typeof(byte)) { dtype = DType.UInt8; return true; }
        if (typeof(T) == typeof(ushort)) { dtype = DType.UInt16; return true; }
        if (typeof(T) == typeof(uint)) { dtype = DType.UInt32; return true; }
        if (typeof(T) == typeof(ulong)) { dtype = DType.UInt64; return true; }
        if (typeof(T) == typeof(Half)) { dtype = DType.Float16; return true; }
        if (typeof(T) == typeof(BFloat16)) { dtype = DType.BFloat16; return true; }
        if (typeof(T) == typeof(float)) { dtype = DType.Float32; return true; }
        if (typeof(T) == typeof(double)) { dtype = DType.Float64; return true; }
        if (typeof(T) == typeof(Complex64)) { dtype = DType.Complex64; return true; }
        if (typeof(T) == typeof(Complex)) { dtype = DType.Complex128; return true; }
        dtype = default;
        return false;
    }

    /// <summary>
    /// Whether every value of <paramref name="from"/> is exactly representable in <paramref name="to"/>
    /// (the conversions a load performs silently). Identity counts as lossless.
    /// </summary>
    public static bool IsLosslessConversion(DType from, DType to)
    {
        if (from == to) return true;
        return (from, to) switch
        {
            (DType.Bool, _) => true,
            (_, DType.Bool) => false,
            (DType.Complex64, DType.Complex128) => true,
            (_, DType.Complex64) => MantissaBits(from) <= 24 && !from.IsComplex(),
            (_, DType.Complex128) => MantissaBits(from) <= 53 && !from.IsComplex(),
            _ when from.IsComplex() || to.IsComplex() => false,
            _ when to.IsFloatingPoint() => MantissaBits(from) <= MantissaBits(to) && ExponentFits(from, to),
            _ when from.IsFloatingPoint() => false,
            _ => IntegerRangeFits(from, to),
        };
    }

    /// <summary>Create an empty tensor of a dtype with a shape; the way readers allocate without knowing T.</summary>
    public static INdArray CreateTensor(DType dtype, int[] shape) => CreateTensor(dtype, shape, zeroed: true);

    /// <summary>
    /// A tensor of a dtype and shape whose contents are about to be overwritten whole (a copy, a read from a file):
    /// <paramref name="zeroed"/> false skips clearing the memory first, which costs as much as the copy itself.
    /// </summary>
    internal static INdArray CreateTensor(DType dtype, int[] shape, bool zeroed) => dtype switch
    {
        DType.Bool => NdArray<bool>.Create(shape, zeroed),
        DType.Int8 => NdArray<sbyte>.Create(shape, zeroed),
        DType.Int16 => NdArray<short>.Create(shape, zeroed),
        DType.Int32 => NdArray<int>.Create(shape, zeroed),
        DType.Int64 => NdArray<long>.Create(shape, zeroed),
        DType.UInt8 => NdArray<byte>.Create(shape, zeroed),
        DType.UInt16 => NdArray<ushort>.Create(shape, zeroed),
        DType.UInt32 => NdArray<uint>.Create(shape, zeroed),
        DType.UInt64 => NdArray<ulong>.Create(shape, zeroed),
        DType.Float16 => NdArray<Half>.Create(shape, zeroed),
        DType.BFloat16 => NdArray<BFloat16>.Create(shape, zeroed),
        DType.Float32 => NdArray<float>.Create(shape, zeroed),
        DType.Float64 => NdArray<double>.Create(shape, zeroed),
        DType.Complex64 => NdArray<Complex64>.Create(shape, zeroed),
        DType.Complex128 => NdArray<Complex>.Create(shape, zeroed),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    // Significand bits including the implicit one; integers count their magnitude bits.
    private static int MantissaBits(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.Int8 => 7, DType.UInt8 => 8,
        DType.Int16 => 15, DType.UInt16 => 16,
        DType.Int32 => 31, DType.UInt32 => 32,
        DType.Int64 => 63, DType.UInt64 => 64,
        DType.Float16 => 11, DType.BFloat16 => 8, DType.Float32 => 24, DType.Float64 => 53,
        DType.Complex64 => 24, DType.Complex128 => 53,
        _ => int.MaxValue,
    };

    private static bool ExponentFits(DType from, DType to)
    {
        // Integers that fit the significand also fit every exponent range; among floats, bfloat16 has the
        // float32 exponent range, so it widens to float32 and float64 but not to float16 (and float16 not to it).
        if (!from.IsFloatingPoint()) return true;
        return ExponentBits(from) <= ExponentBits(to);
    }

    private static int ExponentBits(DType dtype) => dtype switch
    {
        DType.Float16 => 5, DType.BFloat16 => 8, DType.Float32 => 8, DType.Float64 => 11, _ => 0,
    };

    private static bool IntegerRangeFits(DType from, DType to)
    {
        var fromSigned = from is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;
        var toSigned = to is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;
        if (fromSigned && !toSigned) return false;
        return MantissaBits(from) <= MantissaBits(to);
    }
}
