using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Checkpoint.Schema;

/// <summary>
/// Saved paths as the schema writes them: the keys of each level joined with dots, each key escaped so that any key
/// (a key from a Python file may hold a dot, a space or nothing at all) reads back as itself and a line still splits
/// on whitespace. A segment that is exactly <c>*</c> stands for any key: the entries of a list or dictionary of
/// child models, whose keys the code cannot know.
/// </summary>
/// <remarks>
/// Escapes: <c>\\</c> a backslash, <c>\.</c> a dot, <c>\*</c> a star, <c>\e</c> an empty key, <c>\uXXXX</c> a
/// whitespace or control character. Every key has exactly one escaped form, so two paths are the same path when
/// their texts are equal.
/// </remarks>
internal static class SchemaPaths
{
    /// <summary>The segment that stands for any key.</summary>
    public const string Wildcard = "*";

    /// <summary>The escaped form of one key.</summary>
    public static string Escape(string key)
    {
        if (key.Length == 0) return "\\e";
        if (!NeedsEscape(key)) return key;
        var text = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '.': text.Append("\\."); break;
                case '*': text.Append("\\*"); break;
                default:
                    if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisibleFormat(c))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>A path of escaped segments (<see cref="Escape"/>, or <see cref="Wildcard"/>) joined with dots.</summary>
    public static string Join(IEnumerable<string> segments) => string.Join(".", segments);

    /// <summary>
    /// Reads a path as written in a schema line and gives its canonical text and segments (escaped, one form per
    /// key); false with a reason for a path that is not well formed.
    /// </summary>
    public static bool TryParse(string text, out string canonical, out string[] segments, out string reason)
    {
        canonical = "";
        segments = [];
        reason = "";
        if (text.Length == 0)
        {
            reason = "the path is empty";
            return false;
        }

        var result = new List<string>();
        var key = new StringBuilder();
        var escaped = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                var raw = key.ToString();
                if (raw.Length == 0 && !escaped)
                {
                    reason = "a key is empty (write \\e for an empty key)";
                    return false;
                }

                result.Add(raw == Wildcard && !escaped ? Wildcard : Escape(raw));
                key.Clear();
                escaped = false;
                continue;
            }

            var c = text[i];
            if (c == '*' && !(IsSegmentStart(text, i) && IsSegmentEnd(text, i + 1)))
            {
                reason = "'*' stands for any key only as a whole segment (write \\* for a star in a key)";
                return false;
            }

            if (c != '\\')
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    reason = "a key holds a whitespace or control character (write it as \\uXXXX)";
                    return false;
                }

                key.Append(c);
                continue;
            }

            if (i + 1 >= text.Length)
            {
                reason = "the path ends with a lone backslash";
                return false;
            }

            escaped = true;
            var next = text[++i];
            switch (next)
            {
                case '\\':
                case '.':
                case '*':
                    key.Append(next);
                    break;
                case 'e':
                    if (key.Length > 0 || !IsSegmentEnd(text, i + 1))
                    {
                        reason = "\\e (an empty key) must be a whole segment";
                        return false;
                    }

                    break;
                case 'u':
                    if (i + 4 >= text.Length || !int.TryParse(text.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        reason = "\\u must be followed by four hexadecimal digits";
                        return false;
                    }

                    key.Append((char)code);
                    i += 4;
                    break;
                default:
                    reason = $"unknown escape '\\{next}' (known: \\\\ \\. \\* \\e \\uXXXX)";
                    return false;
            }
        }

        segments = result.ToArray();
        canonical = Join(segments);
        return true;
    }

    /// <summary>The segments of a canonical path (as <see cref="TryParse"/> or <see cref="Join"/> make it), still escaped.</summary>
    public static string[] Split(string canonical)
    {
        var segments = new List<string>();
        var start = 0;
        for (var i = 0; i < canonical.Length; i++)
        {
            if (canonical[i] == '\\')
            {
                i++;
                continue;
            }

            if (canonical[i] != '.') continue;
            segments.Add(canonical.Substring(start, i - start));
            start = i + 1;
        }

        segments.Add(canonical.Substring(start));
        return segments.ToArray();
    }

    /// <summary>
    /// True when the concrete path <paramref name="path"/> is one the pattern <paramref name="pattern"/> describes:
    /// as many segments, each equal or matched by a <see cref="Wildcard"/> of the pattern.
    /// </summary>
    public static bool Matches(string[] path, string[] pattern)
    {
        if (path.Length != pattern.Length) return false;
        for (var i = 0; i < path.Length; i++)
        {
            if (pattern[i] != Wildcard && pattern[i] != path[i]) return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="path"/> lies under <paramref name="prefix"/> (wildcards of the prefix match any key).</summary>
    public static bool IsUnder(string[] path, string[] prefix)
    {
        if (path.Length <= prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] != Wildcard && prefix[i] != path[i]) return false;
        }

        return true;
    }

    private static bool NeedsEscape(string key)
    {
        foreach (var c in key)
        {
            if (c is '\\' or '.' or '*' || char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisibleFormat(c)) return true;
        }

        return false;
    }

    // Bidirectional overrides and isolates would reorder what a reviewer sees in a diff.
    private static bool IsInvisibleFormat(char c) => c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f';

    private static bool IsSegmentStart(string text, int index) => index == 0 || (text[index - 1] == '.' && !IsEscaped(text, index - 1));

    private static bool IsSegmentEnd(string text, int index) => index == text.Length || text[index] == '.';

    // Whether the character at index is escaped: an odd number of backslashes right before it.
    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }
}
