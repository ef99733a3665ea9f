using System.Globalization;
using System.Text;

namespace Checkpoint;

/// <summary>
/// The readable text of a state tree for <see cref="StateDict.ToString"/> and debuggers: Python-dict style, small
/// leaves with their values, quantities as <c>10 ms</c>, arrays with their dtype and shape (and values when they
/// have at most eight), bounded in width and depth so a huge tree still prints a short line.
/// </summary>
internal static class StateTreeText
{
    private const int MaxEntriesPerMap = 16;
    private const int MaxDepth = 6;
    private const int MaxValuesShown = 8;
    private const int MaxStringLength = 40;

    public static string Format(StateDict map)
    {
        var text = new StringBuilder();
        Append(text, map, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, StateNode node, int depth)
    {
        switch (node)
        {
            case StateDict map when Quantity.TryFromNode(map, out var quantity, out _):
                text.Append(quantity);
                break;
            case StateDict map:
                AppendMap(text, map, depth);
                break;
            case TensorNode tensor:
                AppendTensor(text, tensor);
                break;
            case StringNode s:
                text.Append('\'').Append(Shorten(s.Value)).Append('\'');
                break;
            case NumpyScalarNode scalar:
                text.Append(FormatElement(scalar.Value.DType, scalar.Value.AsBytes(), 0));
                break;
            default:
                text.Append(node);
                break;
        }
    }

    private static void AppendMap(StringBuilder text, StateDict map, int depth)
    {
        if (map.Count == 0)
        {
            text.Append("{}");
            return;
        }

        if (depth >= MaxDepth)
        {
            text.Append("{…}");
            return;
        }

        text.Append('{');
        var shown = Math.Min(map.Count, MaxEntriesPerMap);
        for (var i = 0; i < shown; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append('\'').Append(Shorten(map.KeyAt(i))).Append("': ");
            Append(text, map.ValueAt(i), depth + 1);
        }

        if (map.Count > shown) text.Append(", … (").Append(map.Count - shown).Append(" more)");
        text.Append('}');
    }

    private static void AppendTensor(StringBuilder text, TensorNode node)
    {
        text.Append(node);
        // Only values already in memory are shown: printing must never read a file.
        if (!node.IsLoaded || node.Tensor.Length is 0 or > MaxValuesShown) return;
        var tensor = node.Tensor;
        var bytes = tensor.AsBytes();
        text.Append(" [");
        for (var i = 0; i < (int)tensor.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(FormatElement(tensor.DType, bytes, i));
        }

        text.Append(']');
    }

    private static string FormatElement(DType dtype, ReadOnlySpan<byte> bytes, int index)
    {
        var value = TensorConversion.Read(dtype, bytes, index);
        if (dtype == DType.Bool) return value.Real != 0 ? "True" : "False";
        if (dtype.IsComplex()) return value.ToString(CultureInfo.InvariantCulture);
        if (dtype.IsInteger()) return DTypes.ReadInteger(dtype, bytes, index).ToString(CultureInfo.InvariantCulture);
        return value.Real.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Shorten(string value) =>
        value.Length <= MaxStringLength ? value : value[..MaxStringLength] + "…";
}
