using System.Numerics;
using System.Security.Cryptography;

namespace Checkpoint.Cli.Output;

/// <summary>Element values of a tensor as display-neutral numbers, shared by the text and JSON views.</summary>
internal static class TensorValues
{
    /// <summary>How many elements are shown in full; larger tensors show the first eight.</summary>
    public const int FullValueLimit = 64;

    public const int PreviewCount = 8;

    /// <summary>One element: a bool, an exact integer, a real or a complex number.</summary>
    public readonly record struct Element(DType DType, Complex Value, Int128 Integer)
    {
        public bool IsBool => DType == DType.Bool;

        public bool IsInteger => DType is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64
            or DType.UInt8 or DType.UInt16 or DType.UInt32 or DType.UInt64;

        public bool IsComplex => DType.IsComplex();
    }

    public static Element Read(INdArray tensor, int index)
    {
        var bytes = tensor.AsBytes();
        Int128 integer = tensor.DType switch
        {
            // 64-bit integers do not survive a trip through double: read them exactly.
            DType.Int64 => BitConverter.ToInt64(bytes.Slice(index * 8, 8)),
            DType.UInt64 => BitConverter.ToUInt64(bytes.Slice(index * 8, 8)),
            _ => 0,
        };
        var value = TensorConversion.Read(tensor.DType, bytes, index);
        if (tensor.DType is not (DType.Int64 or DType.UInt64)) integer = (Int128)value.Real;
        return new Element(tensor.DType, value, integer);
    }

    /// <summary>The elements shown for a tensor: all of them up to the limit, else the first eight.</summary>
    public static IEnumerable<Element> Shown(INdArray tensor, out bool complete)
    {
        complete = tensor.Length <= FullValueLimit;
        var count = (int)(complete ? tensor.Length : Math.Min(PreviewCount, tensor.Length));
        return Enumerable.Range(0, count).Select(i => Read(tensor, i));
    }

    /// <summary>SHA-256 of the little-endian C-order element bytes, lower-case hex.</summary>
    public static string Sha256(INdArray tensor) => Convert.ToHexString(SHA256.HashData(tensor.AsBytes())).ToLowerInvariant();
}
