using System.Numerics;

namespace Checkpoint.Formats.Npy;

/// <summary>
/// Parses the header of a .npy file: the text of a Python dictionary literal such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>. Only literals (strings, integers,
/// <c>True</c>/<c>False</c>/<c>None</c>, tuples, lists, dictionaries) are accepted, as numpy's own
/// <c>safe_eval</c> accepts; nesting is limited so a hostile header cannot exhaust the stack.
/// </summary>
internal sealed class NpyLiteral
{
    private const int MaxDepth = 32;

    private readonly string _text;
    private int _position;

    private NpyLiteral(string text) => _text = text;

    /// <summary>A tuple or list value.</summary>
    public sealed record Sequence(IReadOnlyList<object?> Items, bool IsTuple);

    /// <summary>
    /// Parses <paramref name="text"/> as one dictionary literal. Values are <see cref="string"/>,
    /// <see cref="BigInteger"/>, <see cref="bool"/>, null, <see cref="Sequence"/> or a nested dictionary.
    /// </summary>
    /// <exception cref="FormatException">The text is not one literal dictionary; the message says where.</exception>
    public static Dictionary<string, object?> ParseDictionary(string text)
    {
        var parser = new NpyLiteral(text);
        var value = parser.Value(0);
        parser.SkipSpace();
        if (parser._position != text.Length) throw parser.Error("text after the dictionary");
        return value as Dictionary<string, object?> ?? throw new FormatException("the header is not a dictionary");
    }

    private object? Value(int depth)
    {
        if (depth > MaxDepth) throw Error("nesting too deep");
        SkipSpace();
        if (_position >= _text.Length) throw Error("the header ends inside a value");
        var c = _text[_position];
        switch (c)
        {
            case '{': return Dictionary(depth);
            case '(': return Items(')', isTuple: true, depth);
            case '[': return Items(']', isTuple: false, depth);
            case '\'' or '"': return String();
        }

        if (c is '-' or '+' || char.IsAsciiDigit(c)) return Integer();
        if (char.IsAsciiLetter(c)) return Name();
        throw Error($"unexpected '{c}'");
    }

    private Dictionary<string, object?> Dictionary(int depth)
    {
        _position++;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Take('}')) return result;
            if (Value(depth + 1) is not string key) throw Error("a dictionary key that is not a string");
            SkipSpace();
            if (!Take(':')) throw Error("':' expected after a key");
            if (!result.TryAdd(key, Value(depth + 1))) throw Error($"the key '{key}' appears twice");
            SkipSpace();
            if (Take('}')) return result;
            if (!Take(',')) throw Error("',' or '}' expected");
        }
    }

    private Sequence Items(char close, bool isTuple, int depth)
    {
        _position++;
        var items = new List<object?>();
        var sawComma = false;
        while (true)
        {
            SkipSpace();
            if (Take(close)) break;
            items.Add(Value(depth + 1));
            SkipSpace();
            if (Take(close)) break;
            if (!Take(',')) throw Error($"',' or '{close}' expected");
            sawComma = true;
        }

        // (5) is the integer 5 in Python, not a tuple; (5,) is a tuple.
        if (isTuple && items.Count == 1 && !sawComma) throw Error("a parenthesised value that is not a tuple");
        return new Sequence(items, isTuple);
    }

    private string String()
    {
        var quote = _text[_position++];
        var start = _position;
        while (_position < _text.Length && _text[_position] != quote)
        {
            // Escapes never occur in headers numpy writes; refusing them keeps this parser simple and exact.
            if (_text[_position] is '\\' or '\n') throw Error("an escape or line break inside a string");
            _position++;
        }

        if (_position >= _text.Length) throw Error("a string that is not closed");
        return _text[start.._position++];
    }

    private BigInteger Integer()
    {
        var start = _position;
        if (_text[_position] is '-' or '+') _position++;
        var digits = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
        if (_position == digits || _position - digits > 40) throw Error("a malformed integer");
        var value = BigInteger.Parse(_text.AsSpan(start, _position - start), System.Globalization.CultureInfo.InvariantCulture);
        // Python 2 wrote long integers with an 'L' suffix; numpy still reads version 1.0 and 2.0 headers that have it.
        if (_position < _text.Length && _text[_position] is 'L' or 'l') _position++;
        if (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '.'))
            throw Error("a number that is not an integer");
        return value;
    }

    private object? Name()
    {
        var start = _position;
        while (_position < _text.Length && char.IsAsciiLetterOrDigit(_text[_position])) _position++;
        return _text[start.._position] switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            var other => throw Error($"the name '{other}' (only True, False and None are literals)"),
        };
    }

    private bool Take(char c)
    {
        if (_position >= _text.Length || _text[_position] != c) return false;
        _position++;
        return true;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
    }

    private FormatException Error(string what) => new($"{what} at character {_position} of the header");
}
