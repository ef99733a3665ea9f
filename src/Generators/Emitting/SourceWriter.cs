using System.Text;

namespace Checkpoint.Generators.Emitting;

/// <summary>
/// Writes C# text line by line with four-space indentation and <c>\n</c> line ends, so the output is the same
/// on every machine (no syntax trees, no NormalizeWhitespace).
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one indented line (or an empty line without trailing spaces).</summary>
    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _depth; i++) _text.Append(IndentUnit);
            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Separates two members with one empty line; nothing right after an opening brace or an empty line.</summary>
    public SourceWriter Separator()
    {
        var length = _text.Length;
        if (length == 0 || (length >= 2 && _text[length - 2] is '{' or '\n')) return this;
        return Line();
    }

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public SourceWriter Open()
    {
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Outdents and writes <c>}</c>.</summary>
    public SourceWriter Close()
    {
        _depth--;
        return Line("}");
    }

    /// <inheritdoc />
    /// <summary>Ends a block with other text than a brace (<c>};</c> after an object initializer).</summary>
    public SourceWriter CloseWith(string closing)
    {
        _depth--;
        return Line(closing);
    }

    public override string ToString() => _text.ToString();
}
