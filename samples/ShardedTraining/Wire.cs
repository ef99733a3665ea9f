using System.Globalization;
using System.Runtime.InteropServices;

namespace ShardedTraining;

/// <summary>
/// The launcher and its workers talk in lines over the workers' standard input and output: <c>start STEP</c>,
/// <c>grad STEP LOSS BASE64</c>, <c>avg LOSS BASE64</c>, <c>saved STEP</c>, <c>failed STEP: WHY</c>, <c>done LOSS</c>.
/// Gradients travel as the float32 bytes of every parameter, in the model's state order.
/// </summary>
internal static class Wire
{
    public static string Floats(IEnumerable<float[]> parts) => Convert.ToBase64String(MemoryMarshal.AsBytes(parts.SelectMany(p => p).ToArray().AsSpan()));

    public static float[] Floats(string base64) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();

    public static string F(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static float ParseFloat(string text) => float.Parse(text, CultureInfo.InvariantCulture);
}
