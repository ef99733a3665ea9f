using System.Globalization;
using System.Text;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Text from a file (keys, strings, names, messages that quote them) made safe to print on a terminal: control
/// characters and the invisible bidirectional overrides are shown as escapes (<c>\x1b</c>, <c>\r</c>, <c>\u202e</c>),
/// the way <c>--json</c> escapes them, so a file can neither send escape sequences to the user's terminal nor hide
/// what it holds. A backslash is doubled so every escape reads back unambiguously.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with every character that could act on a terminal escaped.</summary>
    public static string Escape(string text)
    {
        if (!NeedsEscaping(text)) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case < ' ' or '\x7f' or (>= '\x80' and <= '\x9f'):
                    builder.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (IsInvisibleFormat(c)) builder.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> escaped and in double quotes, shortened to <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string Quote(string text, int maxLength = 60)
    {
        var escaped = Escape(text).Replace("\"", "\\\"", StringComparison.Ordinal);
        return escaped.Length > maxLength ? $"\"{escaped[..(maxLength - 3)]}…\"" : $"\"{escaped}\"";
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
            if (c is '\\' or < ' ' or (>= '\x7f' and <= '\x9f') || IsInvisibleFormat(c)) return true;
        return false;
    }

    // Bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069)
    // reorder what follows them on screen; line and paragraph separators (U+2028, U+2029) break lines.
    private static bool IsInvisibleFormat(char c) =>
        c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
