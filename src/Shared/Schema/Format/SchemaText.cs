using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Checkpoint.Schema;

/// <summary>A line of a schema file that could not be read.</summary>
/// <param name="LineNumber">The line's number, from 1.</param>
/// <param name="Text">The line as written.</param>
/// <param name="Reason">What is wrong with it.</param>
internal sealed record SchemaError(int LineNumber, string Text, string Reason);

/// <summary>A line of a schema file that was read, with its number.</summary>
/// <param name="LineNumber">The line's number, from 1.</param>
/// <param name="Line">What it says.</param>
internal sealed record NumberedLine(int LineNumber, SchemaLine Line);

/// <summary>A schema file, read: its lines and the lines that could not be read.</summary>
/// <param name="Lines">The lines, in file order.</param>
/// <param name="Errors">The lines that could not be read (or repeat an earlier line's path), in file order.</param>
internal sealed record SchemaDocument(IReadOnlyList<NumberedLine> Lines, IReadOnlyList<SchemaError> Errors);

/// <summary>
/// The one reader and writer of the schema format (docs/schema.md): a header comment, then one line per saved path,
/// <c>Model: path dtype rank kind</c>, sorted by model and path so that a change is a small, reviewable diff.
/// </summary>
/// <remarks>
/// Lines starting with <c>#</c> and blank lines are ignored when reading; writing keeps only the header. The text is
/// read line by line, in one pass: a file of any size costs its lines and no more.
/// </remarks>
internal static class SchemaText
{
    /// <summary>The file name of a project's schema, added to the project as an <c>AdditionalFiles</c> item.</summary>
    public const string FileName = "CheckpointSchema.txt";

    /// <summary>The first line of every schema written by the code fix or the tool.</summary>
    public const string Header = "# Checkpoint schema: one line per saved path, \"Model: path dtype rank kind\" (docs/schema.md)";

    /// <summary>The longest line read (a path of 512 levels of long keys fits): longer lines are errors, not allocations.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Reads a schema file's text; never throws for bad input, which becomes <see cref="SchemaDocument.Errors"/>.</summary>
    public static SchemaDocument Parse(string text)
    {
        var lines = new List<NumberedLine>();
        var errors = new List<SchemaError>();
        var seen = new Dictionary<(string Model, string Path), int>();
        var number = 0;
        // A byte order mark some editors write is not part of the first line.
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            number++;
            var raw = text.Substring(start, end - start).TrimEnd('\r');
            start = end + 1;
            if (end == text.Length && raw.Length == 0) break;
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (raw.Length > MaxLineLength)
            {
                errors.Add(new SchemaError(number, raw.Substring(0, 80) + "...", $"the line is longer than {MaxLineLength} characters"));
                continue;
            }

            if (!TryParseLine(trimmed, out var line, out var reason))
            {
                errors.Add(new SchemaError(number, raw, reason));
                continue;
            }

            if (seen.TryGetValue((line.Model, line.Path), out var first))
            {
                errors.Add(new SchemaError(number, raw, $"line {first.ToString(CultureInfo.InvariantCulture)} already lists {line.Model}: {line.Path}"));
                continue;
            }

            seen.Add((line.Model, line.Path), number);
            lines.Add(new NumberedLine(number, line));
        }

        return new SchemaDocument(lines, errors);
    }

    /// <summary>Reads one line (without its line break); false with a reason when it is not a schema line.</summary>
    public static bool TryParseLine(string text, out SchemaLine line, out string reason)
    {
        line = null!;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            reason = "expected \"Model: path dtype rank kind\"";
            return false;
        }

        var model = text.Substring(0, colon);
        if (!IsModelName(model))
        {
            reason = $"'{model}' is not a model name (no spaces, ':' or '#')";
            return false;
        }

        var fields = text.Substring(colon + 2).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4)
        {
            reason = $"expected 4 fields after '{model}:' (path dtype rank kind), found {fields.Length.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        if (!SchemaPaths.TryParse(fields[0], out var path, out _, out reason)) return false;
        if (!SchemaDTypes.IsKnown(fields[1]))
        {
            reason = $"unknown dtype '{fields[1]}' (numpy names such as float32, or int, str, bytes, none, *)";
            return false;
        }

        if (!TryParseRank(fields[2], out var rank))
        {
            reason = $"the rank '{fields[2]}' is not a number of dimensions (0 to 64) or *";
            return false;
        }

        if (!SchemaKinds.IsKnown(fields[3]))
        {
            reason = $"unknown kind '{fields[3]}' (array, scalar, string, quantity, bytes, none, *)";
            return false;
        }

        line = new SchemaLine(model, path, fields[1], rank, fields[3]);
        reason = "";
        return true;
    }

    /// <summary>The file: the header, then the lines sorted by model and path (ordinal), each path once.</summary>
    public static string Print(IEnumerable<SchemaLine> lines)
    {
        var sorted = new List<SchemaLine>(lines);
        sorted.Sort(Order);
        var text = new StringBuilder(Header).Append('\n');
        SchemaLine? previous = null;
        foreach (var line in sorted)
        {
            if (previous is not null && previous.Model == line.Model && previous.Path == line.Path) continue;
            text.Append(line.ToString()).Append('\n');
            previous = line;
        }

        return text.ToString();
    }

    /// <summary>The order of a schema file: by model, then path, ordinal.</summary>
    public static int Order(SchemaLine a, SchemaLine b)
    {
        var byModel = string.CompareOrdinal(a.Model, b.Model);
        return byModel != 0 ? byModel : string.CompareOrdinal(a.Path, b.Path);
    }

    /// <summary>True for a name the model column may hold: not empty, no whitespace or ':', not starting with '#'.</summary>
    public static bool IsModelName(string name)
    {
        if (name.Length == 0 || name[0] == '#') return false;
        foreach (var c in name)
        {
            if (c == ':' || char.IsWhiteSpace(c) || char.IsControl(c)) return false;
        }

        return true;
    }

    private static bool TryParseRank(string text, out int rank)
    {
        rank = SchemaLine.AnyRank;
        if (text == "*") return true;
        return text.Length <= 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out rank) && rank <= 64;
    }
}
