using System.Globalization;

using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// Converts configuration values to plain map leaves that Python reads as int, float, bool, str or None.
/// Called by generated configuration records; one overload per supported type, chosen at compile time. Integers,
/// bools, strings and enums go through the codec their type has everywhere (enums as their integer).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfigValues
{
    /// <summary>An integer leaf.</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(long value) => new IntegerNode(value);

    /// <summary>An integer leaf.</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(ulong value) => new IntegerNode(value);

    /// <summary>A Python float (float64) leaf; single precision widens exactly.</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(double value) => new FloatNode(value);

    /// <summary>A Python float leaf (decimal is stored as the nearest double).</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(decimal value) => new FloatNode((double)value);

    /// <summary>A bool leaf.</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(bool value) => new BoolNode(value);

    /// <summary>A str leaf, or None for null.</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode(string? value) => value is null ? NullNode.Instance : new StringNode(value);

    /// <summary>An enum as its underlying integer, the one enum rule (what a Python <c>IntEnum</c> writes).</summary>
    /// <param name="value">The value.</param>
    public static StateNode ToNode<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodec<TEnum>.Instance.Write(value);
}

/// <summary>Reads the entries of a configuration map into typed values, collecting missing and unknown keys.</summary>
/// <remarks>
/// Python writes every hyperparameter float as a float64: a <see cref="float"/> member takes the nearest float32
/// (configuration values are settings, not state whose bits must survive), and a float member takes an int.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConfigReader
{
    private readonly StateDict _source;
    private readonly string _configName;
    private readonly Mismatch _mismatch;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>Starts reading <paramref name="source"/>.</summary>
    /// <param name="source">The configuration map.</param>
    /// <param name="configName">The record's name, used in error messages.</param>
    /// <param name="mismatch">Error: <see cref="Finish"/> throws on missing or unknown keys; otherwise they are skipped.</param>
    public ConfigReader(StateDict source, string configName, Mismatch mismatch)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _configName = configName;
        _mismatch = mismatch;
    }

    /// <summary>Reads an int.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists; left unchanged (the default) otherwise.</param>
    public void Read(string key, ref int value) => ReadInteger(key, ref value, static v => checked((int)v));

    /// <summary>Reads a long.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref long value) => ReadInteger(key, ref value, static v => checked((long)v));

    /// <summary>Reads a short.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref short value) => ReadInteger(key, ref value, static v => checked((short)v));

    /// <summary>Reads a byte.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref byte value) => ReadInteger(key, ref value, static v => checked((byte)v));

    /// <summary>Reads a uint.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref uint value) => ReadInteger(key, ref value, static v => checked((uint)v));

    /// <summary>Reads a ulong.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref ulong value) => ReadInteger(key, ref value, static v => checked((ulong)v));

    /// <summary>Reads a double; ints and numpy scalars are accepted (Python writes <c>10</c> for <c>10.0</c> often).</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref double value)
    {
        if (TryGet(key, out var node) && TryDouble(node, key, out var number)) value = number;
    }

    /// <summary>Reads a float.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref float value)
    {
        if (TryGet(key, out var node) && TryDouble(node, key, out var number)) value = (float)number;
    }

    /// <summary>Reads a decimal.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref decimal value)
    {
        if (TryGet(key, out var node) && TryDouble(node, key, out var number)) value = (decimal)number;
    }

    /// <summary>Reads a bool.</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref bool value)
    {
        if (!TryGet(key, out var node)) return;
        if (node is BoolNode flag) value = flag.Value;
        else Wrong(key, node, "a bool");
    }

    /// <summary>Reads a string (None reads as null).</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read(string key, ref string? value)
    {
        if (!TryGet(key, out var node)) return;
        if (node is StringNode text) value = text.Value;
        else if (node is NullNode) value = null;
        else Wrong(key, node, "a str");
    }

    /// <summary>Reads an enum from its integer or a declared member name (the one enum rule).</summary>
    /// <param name="key">The saved key.</param>
    /// <param name="value">Set when the key exists.</param>
    public void Read<TEnum>(string key, ref TEnum value) where TEnum : struct, Enum
    {
        if (!TryGet(key, out var node)) return;
        var load = EnumCodec<TEnum>.Instance.Read(node, value);
        if (load.Replaces) value = load.Replacement;
        else _problems.Add($"'{key}': {load.Problem}");
    }

    /// <summary>Throws (when reading with <see cref="Mismatch.Error"/>) if keys were missing, unknown or of the wrong type.</summary>
    public void Finish()
    {
        foreach (var key in _source.Keys)
        {
            if (!_seen.Contains(key)) _problems.Add($"unknown key '{key}'");
        }

        if (_problems.Count > 0 && _mismatch == Mismatch.Error)
            throw new CheckpointException($"Configuration {_configName} does not match the saved map: {string.Join("; ", _problems)}.");
    }

    private bool TryGet(string key, out StateNode node)
    {
        _seen.Add(key);
        if (_source.TryGetValue(key, out node!)) return true;
        _problems.Add($"missing key '{key}'");
        return false;
    }

    private void ReadInteger<T>(string key, ref T value, Func<Int128, T> convert)
    {
        if (!TryGet(key, out var node)) return;
        try
        {
            // ScalarNodes reads integer numpy scalars exactly (int64 values beyond 2^53 included); floating ones
            // are not integers here, as before.
            if (node is IntegerNode or NumpyScalarNode && ScalarNodes.TryRead(node, out var number) && number.IsInteger)
            {
                value = convert(number.Integer);
                return;
            }
        }
        catch (OverflowException)
        {
            _problems.Add($"'{key}' is out of range for {typeof(T).Name}");
            return;
        }

        Wrong(key, node, "an int");
    }

    private bool TryDouble(StateNode node, string key, out double number)
    {
        switch (node)
        {
            case FloatNode f:
                number = f.Value;
                return true;
            case IntegerNode i:
                number = (double)i.Value;
                return true;
            case NumpyScalarNode s when !s.Value.DType.IsComplex():
                number = ScalarValue(s).Real;
                return true;
        }

        Wrong(key, node, "a float");
        number = 0;
        return false;
    }

    private static System.Numerics.Complex ScalarValue(NumpyScalarNode scalar) =>
        TensorConversion.Read(scalar.Value.DType, scalar.Value.AsBytes(), 0);

    private void Wrong(string key, StateNode node, string expected) =>
        _problems.Add($"'{key}' holds {TensorLoads.Describe(node)}, expected {expected}");
}
