using System.Globalization;
using System.Text.Json;
using Checkpoint.Cli.Arrays;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Writes a state tree as JSON in the node schema of the fixtures' <c>expected.json</c>
/// (<c>msgpack_load_no_target</c>), so a C# reading and a Python reading of one file can be compared directly. Every
/// format (.msgpack, .npz, .npy, .safetensors) uses the same schema. Arrays stay in their file: only the elements
/// shown are read, and the SHA-256 streams the bytes in pieces.
/// </summary>
internal sealed class JsonTreeWriter(JsonOutput output, CancellationToken cancellationToken)
{
    private Utf8JsonWriter Json => output.Writer;

    /// <summary>The document of one file: its name, format, size, the format's metadata, and the tree.</summary>
    public void WriteDocument(string fileName, string format, long size, IReadOnlyDictionary<string, string>? metadata, StateNode root)
    {
        Json.WriteStartObject();
        Json.WriteString("file", fileName);
        Json.WriteString("format", format);
        Json.WriteNumber("size", size);
        if (metadata is not null)
        {
            Json.WriteStartObject("metadata");
            foreach (var (key, value) in metadata) Json.WriteString(key, value);
            Json.WriteEndObject();
        }

        Json.WritePropertyName("root");
        WriteNode(root);
        Json.WriteEndObject();
    }

    public void WriteNode(StateNode node)
    {
        cancellationToken.ThrowIfCancellationRequested();
        output.FlushIfLarge();
        var json = Json;
        json.WriteStartObject();
        switch (node)
        {
            case StateDict map:
                json.WriteString("kind", "map");
                json.WriteStartArray("keys");
                foreach (var key in map.Keys) json.WriteStringValue(key);
                json.WriteEndArray();
                json.WriteStartObject("items");
                foreach (var (key, child) in map)
                {
                    json.WritePropertyName(key);
                    WriteNode(child);
                }

                json.WriteEndObject();
                break;
            case TensorNode tensor:
                WriteTensor(json, tensor);
                break;
            case NumpyScalarNode scalar:
                json.WriteString("kind", "npscalar");
                json.WriteNumber("ext", 3);
                json.WriteString("dtype", scalar.Value.DType.NumpyName());
                json.WritePropertyName("value");
                WriteElement(json, TensorValues.Read(scalar.Value));
                break;
            case ComplexNode complex:
                json.WriteString("kind", "complex");
                json.WriteNumber("ext", 2);
                json.WriteStartArray("value");
                WriteFloat(json, complex.Value.Real);
                WriteFloat(json, complex.Value.Imaginary);
                json.WriteEndArray();
                break;
            case IntegerNode integer:
                json.WriteString("kind", "int");
                json.WritePropertyName("value");
                WriteInteger(json, integer.Value);
                break;
            case FloatNode real:
                json.WriteString("kind", "float64");
                json.WritePropertyName("value");
                WriteFloat(json, real.Value);
                break;
            case BoolNode boolean:
                json.WriteString("kind", "bool");
                json.WriteBoolean("value", boolean.Value);
                break;
            case StringNode text:
                json.WriteString("kind", "str");
                json.WriteString("value", text.Value);
                break;
            case BytesNode bytes:
                json.WriteString("kind", "bin");
                json.WriteString("hex", Convert.ToHexString(bytes.Value).ToLowerInvariant());
                break;
            case NullNode:
                json.WriteString("kind", "nil");
                break;
            default:
                throw new InvalidOperationException($"Unknown node kind {node.Kind}.");
        }

        json.WriteEndObject();
    }

    private void WriteTensor(Utf8JsonWriter json, TensorNode tensor)
    {
        json.WriteString("kind", "ndarray");
        json.WriteNumber("ext", 1);
        json.WriteString("dtype", tensor.DType.NumpyName());
        json.WriteStartArray("shape");
        foreach (var dim in tensor.Shape) json.WriteNumberValue(dim);
        json.WriteEndArray();
        json.WriteNumber("nbytes", tensor.ByteLength);
        json.WriteString("sha256_le_c_order", TensorValues.Sha256(tensor, cancellationToken));
        var shown = TensorValues.Shown(tensor, out var complete);
        json.WriteStartArray(complete ? "values" : "first8");
        foreach (var element in shown) WriteElement(json, element);
        json.WriteEndArray();
    }

    /// <summary>A plain leaf as a bare JSON value (metadata): numbers, booleans, strings; anything else as its text.</summary>
    public static void WriteValue(Utf8JsonWriter json, StateNode leaf)
    {
        switch (leaf)
        {
            case IntegerNode integer: WriteInteger(json, integer.Value); break;
            case FloatNode real: WriteFloat(json, real.Value); break;
            case BoolNode boolean: json.WriteBooleanValue(boolean.Value); break;
            case StringNode text: json.WriteStringValue(text.Value); break;
            case NumpyScalarNode scalar: WriteElement(json, TensorValues.Read(scalar.Value)); break;
            default: json.WriteStringValue(leaf.ToString()); break;
        }
    }

    public static void WriteElement(Utf8JsonWriter json, TensorValues.Element element)
    {
        if (element.IsBool) json.WriteBooleanValue(element.Integer != 0);
        else if (element.IsInteger) WriteInteger(json, element.Integer);
        else if (element.IsComplex)
        {
            json.WriteStartArray();
            WriteFloat(json, element.Value.Real);
            WriteFloat(json, element.Value.Imaginary);
            json.WriteEndArray();
        }
        else WriteFloat(json, element.Value.Real);
    }

    private static void WriteInteger(Utf8JsonWriter json, Int128 value)
    {
        if (value >= 0) json.WriteNumberValue((ulong)value);
        else json.WriteNumberValue((long)value);
    }

    /// <summary>Finite floats as numbers; NaN, infinities and negative zero as <c>{"__float__": ...}</c>.</summary>
    public static void WriteFloat(Utf8JsonWriter json, double value)
    {
        var special = double.IsNaN(value) ? "nan"
            : double.IsPositiveInfinity(value) ? "inf"
            : double.IsNegativeInfinity(value) ? "-inf"
            : value == 0 && double.IsNegative(value) ? "-0.0"
            : null;
        if (special is null)
        {
            // Integral values keep a ".0" like Python's json does, so the documents read the same.
            if (Math.Floor(value) == value && Math.Abs(value) < 1e16)
                json.WriteRawValue(value.ToString("0.0", CultureInfo.InvariantCulture));
            else
                json.WriteNumberValue(value);
            return;
        }

        json.WriteStartObject();
        json.WriteString("__float__", special);
        json.WriteEndObject();
    }
}
