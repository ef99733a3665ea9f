namespace Checkpoint.Formats.MsgPack;

/// <summary>The MessagePack ext type codes of the braintools/flax layout.</summary>
internal static class ExtCodes
{
    /// <summary>An ndarray: payload <c>[shape, dtype name, data bytes]</c>.</summary>
    public const sbyte NdArray = 1;

    /// <summary>A Python complex: payload <c>[real float64, imag float64]</c>.</summary>
    public const sbyte Complex = 2;

    /// <summary>A numpy scalar: payload like <see cref="NdArray"/> with shape <c>[]</c>.</summary>
    public const sbyte NumpyScalar = 3;

    public static string Describe(sbyte code) => code switch
    {
        NdArray => "ext 1 (ndarray)",
        Complex => "ext 2 (complex)",
        NumpyScalar => "ext 3 (numpy scalar)",
        _ => $"ext {code}",
    };
}
