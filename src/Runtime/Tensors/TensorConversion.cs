using System.Numerics;
using System.Runtime.InteropServices;

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

    /// <summary>Reads element <paramref name="index"/> of raw little-endian tensor bytes.</summary>
    public static Complex Read(DType dtype, ReadOnlySpan<byte> bytes, int index) => dtype switch
    {
        DType.Bool => bytes[index] != 0 ? 1 : 0,
        DType.Int8 => (sbyte)bytes[index],
        DType.Int16 => MemoryMarshal.Cast<byte, short>(bytes)[index],
        DType.Int32 => MemoryMarshal.Cast<byte, int>(bytes)[index],
        DType.Int64 => MemoryMarshal.Cast<byte, long>(bytes)[index],
        DType.UInt8 => bytes[index],
        DType.UInt16 => MemoryMarshal.Cast<byte, ushort>(bytes)[index],
        DType.UInt32 => MemoryMarshal.Cast<byte, uint>(bytes)[index],
        DType.UInt64 => MemoryMarshal.Cast<byte, ulong>(bytes)[index],
        DType.Float16 => (double)MemoryMarshal.Cast<byte, Half>(bytes)[index],
        DType.BFloat16 => (float)MemoryMarshal.Cast<byte, BFloat16>(bytes)[index],
        DType.Float32 => MemoryMarshal.Cast<byte, float>(bytes)[index],
        DType.Float64 => MemoryMarshal.Cast<byte, double>(bytes)[index],
        DType.Complex64 => MemoryMarshal.Cast<byte, Complex64>(bytes)[index],
        DType.Complex128 => MemoryMarshal.Cast<byte, Complex>(bytes)[index],
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Writes element <paramref name="index"/> of raw little-endian tensor bytes (real part for real dtypes).</summary>
    public static void Write(DType dtype, Span<byte> bytes, int index, Complex value)
    {
        var real = value.Real;
        switch (dtype)
        {
            case DType.Bool: bytes[index] = real != 0 ? (byte)1 : (byte)0; break;
            case DType.Int8: bytes[index] = unchecked((byte)(sbyte)real); break;
            case DType.Int16: MemoryMarshal.Cast<byte, short>(bytes)[index] = (short)real; break;
            case DType.Int32: MemoryMarshal.Cast<byte, int>(bytes)[index] = (int)real; break;
            case DType.Int64: MemoryMarshal.Cast<byte, long>(bytes)[index] = (long)real; break;
            case DType.UInt8: bytes[index] = (byte)real; break;
            case DType.UInt16: MemoryMarshal.Cast<byte, ushort>(bytes)[index] = (ushort)real; break;
            case DType.UInt32: MemoryMarshal.Cast<byte, uint>(bytes)[index] = (uint)real; break;
            case DType.UInt64: MemoryMarshal.Cast<byte, ulong>(bytes)[index] = (ulong)real; break;
            case DType.Float16: MemoryMarshal.Cast<byte, Half>(bytes)[index] = (Half)real; break;
            case DType.BFloat16: MemoryMarshal.Cast<byte, BFloat16>(bytes)[index] = (BFloat16)(float)real; break;
            case DType.Float32: MemoryMarshal.Cast<byte, float>(bytes)[index] = (float)real; break;
            case DType.Float64: MemoryMarshal.Cast<byte, double>(bytes)[index] = real; break;
            case DType.Complex64: MemoryMarshal.Cast<byte, Complex64>(bytes)[index] = (Complex64)value; break;
            case DType.Complex128: MemoryMarshal.Cast<byte, Complex>(bytes)[index] = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype));
        }
    }
}
