using Checkpoint;

namespace QuickStart;

/// <summary>Prints a model's state entries as an aligned table: path, kind, dtype, shape.</summary>
internal static class StateTable
{
    public static void Print(IStateful model)
    {
        string[] header = ["path", "kind", "dtype", "shape"];
        var rows = model.States()
            .Select(e => new[] { e.Path, e.Kind.ToString(), e.DType?.NumpyName() ?? e.ValueType.Name, TensorShape.Format(e.Shape) })
            .ToList();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        Console.WriteLine(Format(header, widths));
        Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) Console.WriteLine(Format(row, widths));
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd();
}
