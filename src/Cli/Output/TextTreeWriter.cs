using System.Globalization;
using Checkpoint.Cli.Arrays;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Writes a state tree as an aligned table (path, kind, dtype, shape, bytes, value) followed by totals: what a person
/// wants to see when they open a checkpoint. Keys and strings come from the file, so they are escaped
/// (<see cref="TerminalText"/>); arrays stay in the file, only the elements shown are read.
/// </summary>
internal static class TextTreeWriter
{
    private sealed record Row(string Path, string Kind, string DType, string Shape, string Bytes, string Value);

    /// <summary>Writes the table of <paramref name="root"/> under the heading <c>name (format, size)</c>.</summary>
    public static void Write(TextWriter output, string heading, StateNode root, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        var totals = new TreeTotals();
        Collect(root, "", rows, totals, cancellationToken);

        output.WriteLine(heading);
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

        output.WriteLine($"total: {totals.Describe()}");
    }

    private static void Collect(StateNode node, string path, List<Row> rows, TreeTotals totals, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        totals.Add(node);
        if (node is StateDict map)
        {
            if (path.Length > 0 || map.Count == 0)
                rows.Add(new Row(path.Length == 0 ? "(root)" : path, "map", "", "", "", $"{map.Count} keys"));
            foreach (var (key, child) in map)
            {
                var escaped = TerminalText.Escape(key);
                Collect(child, path.Length == 0 ? escaped : path + "." + escaped, rows, totals, cancellationToken);
            }

            return;
        }

        var name = path.Length == 0 ? "(root)" : path;
        rows.Add(node switch
        {
            TensorNode tensor => new Row(name, "ndarray", tensor.DType.NumpyName(), TensorShape.Format(tensor.Shape),
                Count(tensor.ByteLength), FormatValues(tensor)),
            NumpyScalarNode scalar => new Row(name, "npscalar", scalar.Value.DType.NumpyName(), "()",
                Count(scalar.Value.ByteLength), ValueText.Element(TensorValues.Read(scalar.Value))),
            BytesNode bytes => new Row(name, "bin", "", "", Count(bytes.Value.Length), ValueText.Leaf(bytes)),
            _ => new Row(name, ValueText.KindName(node), "", "", "", ValueText.Leaf(node)),
        });
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatValues(TensorNode tensor)
    {
        var shown = TensorValues.Shown(tensor, out var complete).Select(ValueText.Element);
        var text = string.Join(", ", shown);
        if (!complete) return $"[{text}, …]";
        return text.Length > 80 ? $"[{text[..77]}…]" : $"[{text}]";
    }
}
