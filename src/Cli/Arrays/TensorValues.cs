using System.Numerics;
using System.Security.Cryptography;

namespace Checkpoint.Cli.Arrays;

/// <summary>
/// Element values of an array leaf as display-neutral numbers, shared by the text and JSON views. Only the elements
/// shown are read from the file; the SHA-256 streams the bytes in pieces.
/// </summary>
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

    /// <summary>Element <paramref name="index"/> of little-endian element bytes.</summary>
    public static Element Read(DType dtype, ReadOnlySpan<byte> bytes, int index)
    {
        Int128 integer = dtype switch
        {
            // 64-bit integers do not survive a trip through double: read them exactly.
            DType.Int64 => BitConverter.ToInt64(bytes.Slice(index * 8, 8)),
            DType.UInt64 => BitConverter.ToUInt64(bytes.Slice(index * 8, 8)),
            _ => 0,
        };
        var value = TensorConversion.Read(dtype, bytes, index);
        if (dtype is not (DType.Int64 or DType.UInt64)) integer = (Int128)value.Real;
        return new Element(dtype, value, integer);
    }

    /// <summary>The value of a numpy scalar.</summary>
    public static Element Read(INdArray scalar) => Read(scalar.DType, scalar.AsBytes(), 0);

    /// <summary>The elements shown for an array: all of them up to the limit, else the first eight (only those are read).</summary>
    public static IReadOnlyList<Element> Shown(TensorNode tensor, out bool complete)
    {
        var total = TensorPieces.ElementCount(tensor);
        complete = total <= FullValueLimit;
        var count = (int)(complete ? total : Math.Min(PreviewCount, total));
        var itemSize = tensor.DType.ItemSize();
        var bytes = new byte[count * itemSize];
        tensor.ReadBytes(0, bytes);
        var elements = new Element[count];
        for (var i = 0; i < count; i++) elements[i] = Read(tensor.DType, bytes, i);
        return elements;
    }

    /// <summary>SHA-256 of the little-endian C-order element bytes, lower-case hex, read piece by piece.</summary>
    public static string Sha256(TensorNode tensor, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        TensorPieces.ForEach(tensor, (_, piece) => hash.AppendData(piece), cancellationToken);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
