using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// Compares a node tree with the JSON description of expected.json (written by Python independently of this
/// code): kinds, key order, dtypes, shapes, sizes, sha256 of the data and the element values.
/// </summary>
internal static class ExpectedTree
{
    public static void AssertMatches(JsonElement expected, StateNode actual, string path = "<root>")
    {
        var kind = expected.GetProperty("kind").GetString();
        switch (kind)
        {
            case "map":
                var map = Assert.IsType<StateDict>(actual);
                var keys = expected.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToArray();
                Assert.Equal(keys, map.Keys);
                var items = expected.GetProperty("items");
                foreach (var key in keys) AssertMatches(items.GetProperty(key), map[key], path + "." + key);
                break;
            case "ndarray":
                var tensor = Assert.IsType<TensorNode>(actual).Tensor;
                AssertArray(expected, tensor, path);
                break;
            case "npscalar":
                var scalar = Assert.IsType<NumpyScalarNode>(actual).Value;
                Assert.Equal(expected.GetProperty("dtype").GetString(), scalar.DType.NumpyName());
                Assert.Empty(scalar.Shape);
                AssertElement(expected.GetProperty("value"), scalar, 0, path);
                break;
            case "complex":
                var complex = Assert.IsType<ComplexNode>(actual).Value;
                var parts = expected.GetProperty("value").EnumerateArray().ToArray();
                AssertDouble(parts[0], complex.Real, path);
                AssertDouble(parts[1], complex.Imaginary, path);
                break;
            case "int":
                var integer = Assert.IsType<IntegerNode>(actual);
                Assert.Equal(Int128.Parse(expected.GetProperty("value").GetRawText(), CultureInfo.InvariantCulture), integer.Value);
                break;
            case "float64":
                AssertDouble(expected.GetProperty("value"), Assert.IsType<FloatNode>(actual).Value, path);
                break;
            case "bool":
                Assert.Equal(expected.GetProperty("value").GetBoolean(), Assert.IsType<BoolNode>(actual).Value);
                break;
            case "str":
                Assert.Equal(expected.GetProperty("value").GetString(), Assert.IsType<StringNode>(actual).Value);
                break;
            case "bin":
                Assert.Equal(expected.GetProperty("hex").GetString(), Convert.ToHexStringLower(Assert.IsType<BytesNode>(actual).Value));
                break;
            case "nil":
                Assert.IsType<NullNode>(actual);
                break;
            default:
                Assert.Fail($"Unknown kind '{kind}' in expected.json at {path}.");
                break;
        }
    }

    public static void AssertArray(JsonElement expected, INdArray tensor, string path)
    {
        Assert.Equal(expected.GetProperty("dtype").GetString(), tensor.DType.NumpyName());
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), tensor.Shape);
        Assert.Equal(expected.GetProperty("nbytes").GetInt64(), tensor.ByteLength);
        Assert.Equal(expected.GetProperty("sha256_le_c_order").GetString(), Convert.ToHexStringLower(SHA256.HashData(tensor.AsBytes())));
        var values = expected.TryGetProperty("values", out var all) ? all : expected.GetProperty("first8");
        var i = 0;
        foreach (var value in values.EnumerateArray()) AssertElement(value, tensor, i++, $"{path}[{i - 1}]");
        if (expected.TryGetProperty("values", out _)) Assert.Equal(i, tensor.Length);
    }

    private static void AssertElement(JsonElement expected, INdArray tensor, int index, string path)
    {
        var bytes = tensor.AsBytes();
        switch (tensor.DType)
        {
            case DType.Bool:
                Assert.Equal(expected.GetBoolean(), bytes[index] != 0);
                break;
            case DType.Int8: AssertInt(expected, (sbyte)bytes[index]); break;
            case DType.UInt8: AssertInt(expected, bytes[index]); break;
            case DType.Int16: AssertInt(expected, MemoryMarshal.Cast<byte, short>(bytes)[index]); break;
            case DType.UInt16: AssertInt(expected, MemoryMarshal.Cast<byte, ushort>(bytes)[index]); break;
            case DType.Int32: AssertInt(expected, MemoryMarshal.Cast<byte, int>(bytes)[index]); break;
            case DType.UInt32: AssertInt(expected, MemoryMarshal.Cast<byte, uint>(bytes)[index]); break;
            case DType.Int64: AssertInt(expected, MemoryMarshal.Cast<byte, long>(bytes)[index]); break;
            case DType.UInt64: AssertInt(expected, MemoryMarshal.Cast<byte, ulong>(bytes)[index]); break;
            case DType.Float16: AssertDouble(expected, (double)MemoryMarshal.Cast<byte, Half>(bytes)[index], path); break;
            case DType.BFloat16: AssertDouble(expected, (float)MemoryMarshal.Cast<byte, BFloat16>(bytes)[index], path); break;
            case DType.Float32: AssertDouble(expected, MemoryMarshal.Cast<byte, float>(bytes)[index], path); break;
            case DType.Float64: AssertDouble(expected, MemoryMarshal.Cast<byte, double>(bytes)[index], path); break;
            case DType.Complex64:
            case DType.Complex128:
                Complex value = tensor.DType == DType.Complex64
                    ? MemoryMarshal.Cast<byte, Complex64>(bytes)[index]
                    : MemoryMarshal.Cast<byte, Complex>(bytes)[index];
                var parts = expected.EnumerateArray().ToArray();
                AssertDouble(parts[0], value.Real, path);
                AssertDouble(parts[1], value.Imaginary, path);
                break;
            default:
                Assert.Fail($"Unhandled dtype {tensor.DType} at {path}.");
                break;
        }
    }

    private static void AssertInt(JsonElement expected, Int128 actual) =>
        Assert.Equal(Int128.Parse(expected.GetRawText(), CultureInfo.InvariantCulture), actual);

    /// <summary>Bit-exact for the special values, exact equality otherwise (Python prints shortest round-trip reprs).</summary>
    public static void AssertDouble(JsonElement expected, double actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var special = expected.GetProperty("__float__").GetString();
            switch (special)
            {
                case "nan": Assert.True(double.IsNaN(actual), $"{path}: expected NaN, got {actual}"); break;
                case "inf": Assert.Equal(double.PositiveInfinity, actual); break;
                case "-inf": Assert.Equal(double.NegativeInfinity, actual); break;
                case "-0.0": Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(actual)); break;
                default: Assert.Fail($"Unknown special float '{special}' at {path}."); break;
            }

            return;
        }

        Assert.True(expected.GetDouble() == actual, $"{path}: expected {expected.GetRawText()}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
