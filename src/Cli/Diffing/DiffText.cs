using System.Globalization;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli.Diffing;

/// <summary>The plain view of a <see cref="TreeDiff"/>: a summary line, then one line per path that differs (escaped).</summary>
internal static class DiffText
{
    /// <summary>The path shown for a bare value at the root (a .npy file's array).</summary>
    public const string RootPath = "(root)";

    public static void Write(TextWriter output, string nameA, string nameB, TreeDiff diff)
    {
        var heading = $"{TerminalText.Escape(nameA)} vs {TerminalText.Escape(nameB)}";
        if (diff.AreEqual)
        {
            output.WriteLine($"{heading}: equal ({diff.LeavesCompared} leaves, {Sizes.Format(diff.ArrayBytesCompared)} of array data compared)");
            return;
        }

        var changed = diff.Differences.Count(d => d.IsChanged);
        var added = diff.Differences.Count(d => d.IsAdded);
        var removed = diff.Differences.Count(d => d.IsRemoved);
        output.WriteLine($"{heading}: {changed} changed, {added} added, {removed} removed");
        var width = diff.Differences.Max(d => TerminalText.Escape(d.Path).Length);
        foreach (var difference in diff.Differences)
        {
            var path = TerminalText.Escape(difference.Path).PadRight(width);
            var line = difference switch
            {
                { A: null } => $"+ {path}  {Describe(difference.B!)}  (only in {TerminalText.Escape(nameB)})",
                { B: null } => $"- {path}  {Describe(difference.A!)}  (only in {TerminalText.Escape(nameA)})",
                _ => $"~ {path}  {Change(difference)}",
            };
            output.WriteLine("  " + line);
        }
    }

    /// <summary><c>ndarray float32 (4, 4)</c>, <c>int 10</c>, <c>str "adam"</c>, <c>nil</c>.</summary>
    public static string Describe(StateNode leaf) => leaf switch
    {
        TensorNode tensor => $"ndarray {tensor.DType.NumpyName()} {TensorShape.Format(tensor.Shape)}",
        NumpyScalarNode scalar => $"npscalar {scalar.Value.DType.NumpyName()} {ValueText.Leaf(scalar)}",
        NullNode => "nil",
        BytesNode bytes => $"bin {bytes.Value.Length} bytes",
        _ => $"{ValueText.KindName(leaf)} {ValueText.Leaf(leaf)}",
    };

    private static string Change(LeafDifference difference)
    {
        var (a, b) = (difference.A!, difference.B!);
        var parts = new List<string>();
        var arrays = a is TensorNode && b is TensorNode;
        if (!arrays) parts.Add($"{Describe(a)} -> {Describe(b)}");
        else
        {
            var (ta, tb) = ((TensorNode)a, (TensorNode)b);
            if (ta.DType != tb.DType) parts.Add($"dtype {ta.DType.NumpyName()} -> {tb.DType.NumpyName()}");
            if (!TensorShape.Equal(ta.Shape, tb.Shape)) parts.Add($"shape {TensorShape.Format(ta.Shape)} -> {TensorShape.Format(tb.Shape)}");
        }

        if (difference.Elements is { } elements && (arrays || elements.Differing == 0))
            parts.Add(Elements(elements));
        return string.Join("; ", parts);
    }

    private static string Elements(ElementComparison elements)
    {
        if (elements.Differing == 0) return "values equal";
        var text = string.Create(CultureInfo.InvariantCulture, $"{elements.Differing} of {elements.Compared} elements differ");
        if (elements.Differing > elements.NaNMismatches) text += $", max |a-b| {ValueText.Float(elements.MaxAbsDifference)}";
        if (elements.NaNMismatches > 0) text += string.Create(CultureInfo.InvariantCulture, $", {elements.NaNMismatches} NaN on one side only");
        return text;
    }
}
