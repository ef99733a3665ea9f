using System.Text.Json;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli.Diffing;

/// <summary>
/// The JSON view of a <see cref="TreeDiff"/>: <c>{"a", "b", "equal", "added": [leaf], "removed": [leaf], "changed":
/// [{"path", "a": leaf, "b": leaf, "compared_elements", "differing_elements", "max_abs_diff", "nan_mismatches"}]}</c>,
/// a leaf being <c>{"path", "kind", "dtype", "shape", "value"}</c> as it applies.
/// </summary>
internal static class DiffJson
{
    public static void Write(JsonOutput output, string nameA, string nameB, TreeDiff diff)
    {
        var json = output.Writer;
        json.WriteStartObject();
        json.WriteString("a", nameA);
        json.WriteString("b", nameB);
        json.WriteBoolean("equal", diff.AreEqual);
        json.WriteNumber("leaves_compared", diff.LeavesCompared);
        json.WriteStartArray("added");
        foreach (var added in diff.Differences.Where(d => d.IsAdded)) WriteLeaf(json, added.Path, added.B!);
        json.WriteEndArray();
        json.WriteStartArray("removed");
        foreach (var removed in diff.Differences.Where(d => d.IsRemoved)) WriteLeaf(json, removed.Path, removed.A!);
        json.WriteEndArray();
        json.WriteStartArray("changed");
        foreach (var changed in diff.Differences.Where(d => d.IsChanged))
        {
            json.WriteStartObject();
            json.WriteString("path", changed.Path);
            json.WritePropertyName("a");
            WriteLeaf(json, null, changed.A!);
            json.WritePropertyName("b");
            WriteLeaf(json, null, changed.B!);
            if (changed.Elements is { } elements)
            {
                json.WriteNumber("compared_elements", elements.Compared);
                json.WriteNumber("differing_elements", elements.Differing);
                json.WritePropertyName("max_abs_diff");
                JsonTreeWriter.WriteFloat(json, elements.MaxAbsDifference);
                json.WriteNumber("nan_mismatches", elements.NaNMismatches);
            }

            json.WriteEndObject();
            output.FlushIfLarge();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLeaf(Utf8JsonWriter json, string? path, StateNode leaf)
    {
        json.WriteStartObject();
        if (path is not null) json.WriteString("path", path);
        json.WriteString("kind", ValueText.KindName(leaf));
        switch (leaf)
        {
            case TensorNode tensor:
                json.WriteString("dtype", tensor.DType.NumpyName());
                json.WriteStartArray("shape");
                foreach (var dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                break;
            case NumpyScalarNode scalar:
                json.WriteString("dtype", scalar.Value.DType.NumpyName());
                json.WritePropertyName("value");
                JsonTreeWriter.WriteValue(json, scalar);
                break;
            case BytesNode bytes:
                json.WriteNumber("nbytes", bytes.Value.Length);
                break;
            case NullNode:
                break;
            case ComplexNode complex:
                json.WriteStartArray("value");
                JsonTreeWriter.WriteFloat(json, complex.Value.Real);
                JsonTreeWriter.WriteFloat(json, complex.Value.Imaginary);
                json.WriteEndArray();
                break;
            default:
                json.WritePropertyName("value");
                JsonTreeWriter.WriteValue(json, leaf);
                break;
        }

        json.WriteEndObject();
    }
}
