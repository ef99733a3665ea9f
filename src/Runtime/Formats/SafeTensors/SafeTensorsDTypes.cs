namespace Checkpoint.Formats.SafeTensors;

/// <summary>The safetensors dtype names (<c>F32</c>, <c>BF16</c>, ...) of the element types this library has, and their order.</summary>
internal static class SafeTensorsDTypes
{
    // The reference implementation's Dtype enum, in declaration order: the writer sorts by it (largest first), so
    // the position of each name is part of the file layout. Names without an element type here are read as refusals.
    private static readonly string[] ReferenceOrder =
    [
        "BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ",
        "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64",
    ];

    /// <summary>The safetensors name of <paramref name="dtype"/>, or null for complex128, which safetensors has no name for.</summary>
    public static string? NameOf(DType dtype) => DTypes.Row(dtype).SafeTensorsName;

    /// <summary>The dtype of a safetensors name.</summary>
    /// <returns>Null when found; otherwise why the name cannot be read.</returns>
    public static string? TryParse(string name, out DType dtype)
    {
        foreach (var row in DTypes.All)
        {
            if (row.SafeTensorsName == name)
            {
                dtype = row.DType;
                return null;
            }
        }

        dtype = default;
        return Array.IndexOf(ReferenceOrder, name) >= 0
            ? $"dtype {name} has no element type in this library (it reads BOOL, U8-U64, I8-I64, F16, BF16, F32, F64, C64)"
            : $"unknown dtype '{name}'";
    }

    /// <summary>The position of the dtype in the reference order (the writer puts larger ones first).</summary>
    public static int Rank(DType dtype) => Array.IndexOf(ReferenceOrder, NameOf(dtype));
}
