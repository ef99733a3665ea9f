using System.Globalization;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Writes a state tree as an aligned table (path, kind, dtype, shape, bytes, value) followed by totals:
/// what a person wants to see when they open a checkpoint.
/// </summary>
internal static class TextTreeWriter
{
    private sealed record Row(string Path, string Kind, string DType, string Shape, string Bytes, string Value);

    public static void Write(TextWriter output, string fileName, long fileSize, StateNode root)
    {
        var rows = new List<Row>();
        var totals = new Totals();
        Collect(root, "", rows, totals);

        output.WriteLine($"{fileName} ({Sizes.Format(fileSize)})");
        if (rows.Count == 0)
        {
            output.WriteLine("  (empty)");
        }
        else
        {
            var header = new Row("path", "kind", "dtype", "shape", "bytes", "value");
            var all = rows.Prepend(header).ToList();
            var widths = new[]
            {
                all.Max(r => r.Path.Length), all.Max(r => r.Kind.Length), all.Max(r => r.DType.Length),
                all.Max(r => r.Shape.Length), all.Max(r => r.Bytes.Length),
            };
            foreach (var row in all)
            {
                var line = string.Join("  ",
                    row.Path.PadRight(widths[0]), row.Kind.PadRight(widths[1]), row.DType.PadRight(widths[2]),
                    row.Shape.PadRight(widths[3]), row.Bytes.PadLeft(widths[4]), row.Value);
                output.WriteLine("  " + line.TrimEnd());
            }
        }

        output.WriteLine(
            $"total: {totals.Leaves} leaves, {totals.Arrays} arrays, {totals.Elements} elements, " +
            $"{Sizes.Format(totals.ArrayBytes)} of array data");
    }

    private sealed class Totals
    {
        public int Leaves;
        public int Arrays;
        public long Elements;
        public long ArrayBytes;
    }

    private static void Collect(StateNode node, string path, List<Row> rows, Totals totals)
    {
        if (node is StateDict map)
        {
            if (path.Length > 0 || map.Count == 0)
                rows.Add(new Row(path.Length == 0 ? "(root)" : path, "map", "", "", "", $"{map.Count} keys"));
            foreach (var (key, child) in map)
                Collect(child, path.Length == 0 ? key : path + "." + key, rows, totals);
            return;
        }

        totals.Leaves++;
        var name = path.Length == 0 ? "(root)" : path;
        switch (node)
        {
            case TensorNode tensor:
                totals.Arrays++;
                totals.Elements += tensor.Tensor.Length;
                totals.ArrayBytes += tensor.Tensor.ByteLength;
                rows.Add(new Row(name, "ndarray", tensor.Tensor.DType.NumpyName(), TensorShape.Format(tensor.Tensor.Shape),
                    tensor.Tensor.ByteLength.ToString(CultureInfo.InvariantCulture), FormatValues(tensor.Tensor)));
                break;
            case NumpyScalarNode scalar:
                rows.Add(new Row(name, "npscalar", scalar.Value.DType.NumpyName(), "()",
                    scalar.Value.ByteLength.ToString(CultureInfo.InvariantCulture), FormatElement(TensorValues.Read(scalar.Value, 0))));
                break;
            case BytesNode bytes:
                rows.Add(new Row(name, "bin", "", "", bytes.Value.Length.ToString(CultureInfo.InvariantCulture),
                    Convert.ToHexString(bytes.Value.AsSpan(0, Math.Min(16, bytes.Value.Length))).ToLowerInvariant() + (bytes.Value.Length > 16 ? "…" : "")));
                break;
            case FloatNode real:
                rows.Add(new Row(name, "float64", "", "", "", FormatFloat(real.Value)));
                break;
            case StringNode text:
                rows.Add(new Row(name, "str", "", "", "", Quote(text.Value)));
                break;
            default:
                rows.Add(new Row(name, KindName(node), "", "", "", node.ToString() ?? ""));
                break;
        }
    }

    private static string KindName(StateNode node) => node.Kind switch
    {
        StateNodeKind.Integer => "int",
        StateNodeKind.Float => "float64",
        StateNodeKind.Bool => "bool",
        StateNodeKind.Complex => "complex",
        StateNodeKind.Null => "nil",
        _ => node.Kind.ToString().ToLowerInvariant(),
    };

    private static string FormatValues(INdArray tensor)
    {
        var shown = TensorValues.Shown(tensor, out var complete).Select(FormatElement);
        var text = string.Join(", ", shown);
        if (!complete) return $"[{text}, …]";
        return text.Length > 80 ? $"[{text[..77]}…]" : $"[{text}]";
    }

    private static string FormatElement(TensorValues.Element element) =>
        element.IsBool ? (element.Integer != 0 ? "True" : "False")
        : element.IsInteger ? element.Integer.ToString(CultureInfo.InvariantCulture)
        : element.IsComplex ? element.Value.ToString(CultureInfo.InvariantCulture)
        : element.DType is DType.Float64 ? FormatFloat(element.Value.Real)
        : FormatFloat((float)element.Value.Real);

    // Python-style: the shortest text that reads back exactly, integral values with ".0".
    private static string FormatFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    private static string FormatFloat(float value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return float.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    private static string Quote(string value) => value.Length > 60 ? $"\"{value[..57]}…\"" : $"\"{value}\"";
}
