namespace Checkpoint.Formats.Npy;

/// <summary>The numpy dtype descriptors (<c>'&lt;f4'</c>, <c>'|b1'</c>, <c>'&gt;i8'</c>) of the element types this library has.</summary>
internal static class NpyDescr
{
    /// <summary>The descriptor numpy writes for a little-endian array of <paramref name="dtype"/>; null for bfloat16, which numpy has no descriptor for.</summary>
    public static string? Of(DType dtype) => dtype switch
    {
        DType.Bool => "|b1",
        DType.Int8 => "|i1",
        DType.UInt8 => "|u1",
        DType.Int16 => "<i2",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.UInt16 => "<u2",
        DType.UInt32 => "<u4",
        DType.UInt64 => "<u8",
        DType.Float16 => "<f2",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        DType.Complex64 => "<c8",
        DType.Complex128 => "<c16",
        _ => null,
    };

    /// <summary>
    /// Parses a descriptor in numpy's type-string form: an optional byte order (<c>&lt;</c> little, <c>&gt;</c> big,
    /// <c>|</c> or <c>=</c> not applicable or native), a kind letter and an item size.
    /// </summary>
    /// <returns>Null when parsed; otherwise why the descriptor cannot be read.</returns>
    public static string? TryParse(string descr, out DType dtype, out bool bigEndian)
    {
        dtype = default;
        bigEndian = false;
        var rest = descr.AsSpan();
        var order = rest.Length > 0 && rest[0] is '<' or '>' or '|' or '=' ? rest[0] : '=';
        if (rest.Length > 0 && rest[0] == order) rest = rest[1..];
        if (rest.Length < 2 || !int.TryParse(rest[1..], System.Globalization.NumberStyles.None, null, out var size))
            return $"'{descr}' is not a numpy type string";

        DType? found = (rest[0], size) switch
        {
            ('b', 1) => DType.Bool,
            ('i', 1) => DType.Int8,
            ('i', 2) => DType.Int16,
            ('i', 4) => DType.Int32,
            ('i', 8) => DType.Int64,
            ('u', 1) => DType.UInt8,
            ('u', 2) => DType.UInt16,
            ('u', 4) => DType.UInt32,
            ('u', 8) => DType.UInt64,
            ('f', 2) => DType.Float16,
            ('f', 4) => DType.Float32,
            ('f', 8) => DType.Float64,
            ('c', 8) => DType.Complex64,
            ('c', 16) => DType.Complex128,
            _ => null,
        };
        if (found is null)
        {
            return rest[0] == 'V' && size == 2
                ? $"dtype '{descr}' is raw 2-byte records (how numpy saves ml_dtypes' bfloat16, which it cannot tell apart from other data); save bfloat16 arrays as float32 or in safetensors"
                : $"dtype '{descr}' has no element type in this library (supported: bool, int8-64, uint8-64, float16/32/64, complex64/128)";
        }

        dtype = found.Value;
        // '=' is the writer's native order; every platform numpy writes such files on in practice is little-endian.
        bigEndian = order == '>' && size > 1;
        return null;
    }
}
