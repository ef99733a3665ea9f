namespace Checkpoint.Formats.Npy;

/// <summary>The numpy dtype descriptors (<c>'&lt;f4'</c>, <c>'|b1'</c>, <c>'&gt;i8'</c>) of the element types this library has.</summary>
internal static class NpyDescr
{
    /// <summary>The descriptor numpy writes for a little-endian array of <paramref name="dtype"/>; null for bfloat16, which numpy has no descriptor for.</summary>
    public static string? Of(DType dtype) => DTypes.Row(dtype).NpyDescr;

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

        // The byte order aside, a descriptor is the kind letter and item size of one row of the element-type table.
        DType? found = null;
        foreach (var row in DTypes.All)
        {
            if (row.NpyDescr is { } known && known[1] == rest[0] && row.Size == size) found = row.DType;
        }

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
