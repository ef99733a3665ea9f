using System.Globalization;
using System.Text;

namespace Checkpoint.Formats.SafeTensors;

/// <summary>
/// JSON strings escaped exactly as the reference implementation's serializer (serde_json) escapes them: quote,
/// backslash and control characters only, with the short forms where JSON has them; everything else, non-ASCII
/// included, as is. (System.Text.Json escapes more, which would give different header bytes.)
/// </summary>
internal static class JsonText
{
    /// <summary>Appends <paramref name="value"/> as a quoted JSON string.</summary>
    /// <exception cref="CheckpointException">The string is not valid UTF-16 (a lone surrogate), so it has no UTF-8 form.</exception>
    public static void AppendString(StringBuilder json, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i]))
                throw new CheckpointException($"Cannot write '{value}' in a safetensors header: it holds a lone UTF-16 surrogate, which has no UTF-8 form.");
        }

        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
