using System.Globalization;
using Checkpoint.Cli.Arrays;

namespace Checkpoint.Cli.Output;

/// <summary>Leaves and array elements as the plain views print them: Python-style numbers, escaped quoted strings.</summary>
internal static class ValueText
{
    /// <summary>The kind of a node as the views name it (the node schema's <c>kind</c>).</summary>
    public static string KindName(StateNode node) => node.Kind switch
    {
        StateNodeKind.Map => "map",
        StateNodeKind.Tensor => "ndarray",
        StateNodeKind.NumpyScalar => "npscalar",
        StateNodeKind.Integer => "int",
        StateNodeKind.Float => "float64",
        StateNodeKind.Bool => "bool",
        StateNodeKind.Complex => "complex",
        StateNodeKind.String => "str",
        StateNodeKind.Bytes => "bin",
        StateNodeKind.Null => "nil",
        _ => node.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The value of a leaf that is not an array: <c>42</c>, <c>0.5</c>, <c>"text"</c>, <c>True</c>, hex bytes.</summary>
    public static string Leaf(StateNode node) => node switch
    {
        FloatNode real => Float(real.Value),
        StringNode text => TerminalText.Quote(text.Value),
        BytesNode bytes => Convert.ToHexString(bytes.Value.AsSpan(0, Math.Min(16, bytes.Value.Length))).ToLowerInvariant() + (bytes.Value.Length > 16 ? "…" : ""),
        NumpyScalarNode scalar => Element(TensorValues.Read(scalar.Value)),
        _ => TerminalText.Escape(node.ToString() ?? ""),
    };

    public static string Element(TensorValues.Element element) =>
        element.IsBool ? (element.Integer != 0 ? "True" : "False")
        : element.IsInteger ? element.Integer.ToString(CultureInfo.InvariantCulture)
        : element.IsComplex ? element.Value.ToString(CultureInfo.InvariantCulture)
        : element.DType is DType.Float64 ? Float(element.Value.Real)
        : Float((float)element.Value.Real);

    // Python-style: the shortest text that reads back exactly, integral values with ".0".
    public static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    private static string Float(float value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return float.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }
}
