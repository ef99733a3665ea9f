using System.Collections.Generic;

namespace Checkpoint.Schema;

/// <summary>How a schema line's dtype compares with another: the same, converted without loss, or not.</summary>
internal enum DTypeChange
{
    /// <summary>Every value loads as it was (equal, or one side unknown).</summary>
    Same,

    /// <summary>Different, but every value converts exactly (float32 to float64).</summary>
    Lossless,

    /// <summary>Some values cannot load (float64 to float32, a float into an integer, a string into a number).</summary>
    Lossy,
}

/// <summary>
/// The dtype column of a schema line. Arrays, numpy scalars and fixed-width members use numpy's names
/// (<c>float32</c>, <c>bfloat16</c>, ...); besides them: <c>int</c> (an integer of no fixed width: Python's
/// <c>int</c>, which is how integer scalars and enums are saved), <c>str</c>, <c>bytes</c>, <c>none</c> (the value
/// was None: says nothing about the type) and <c>*</c> (not known to the code: a type parameter, a quantity's
/// mantissa).
/// </summary>
/// <remarks>
/// The lossless rule itself is <see cref="LosslessRule"/>, which the runtime's <c>DTypes.IsLosslessConversion</c> asks
/// too. The rows (kind and sizes per numpy name) mirror the runtime's table, which analyzers cannot reference;
/// tests/Cli.Tests/SchemaFormatTests checks that the two agree for every pair of dtypes.
/// </remarks>
internal static class SchemaDTypes
{
    public const string Any = "*";
    public const string Int = "int";
    public const string Str = "str";
    public const string Bytes = "bytes";
    public const string None = "none";

    // The runtime's table (src/Runtime/Tensors/DTypes.cs), as far as the rule needs it: numpy name, numpy's kind letter,
    // significand bits (integers: magnitude bits), exponent bits; and the C# type of each in generated code.
    private static readonly Row[] Table =
    [
        new("bool", 'b', 1, 0, "bool"),
        new("int8", 'i', 7, 0, "sbyte"),
        new("int16", 'i', 15, 0, "short"),
        new("int32", 'i', 31, 0, "int"),
        new("int64", 'i', 63, 0, "long"),
        new("uint8", 'u', 8, 0, "byte"),
        new("uint16", 'u', 16, 0, "ushort"),
        new("uint32", 'u', 32, 0, "uint"),
        new("uint64", 'u', 64, 0, "ulong"),
        new("float16", 'f', 11, 5, "global::System.Half"),
        new("bfloat16", 'f', 8, 8, "global::Checkpoint.BFloat16"),
        new("float32", 'f', 24, 8, "float"),
        new("float64", 'f', 53, 11, "double"),
        new("complex64", 'c', 24, 8, "global::Checkpoint.Complex64"),
        new("complex128", 'c', 53, 11, "global::System.Numerics.Complex"),
    ];

    private static readonly Dictionary<string, Row> ByName = Index(row => row.Name);
    private static readonly Dictionary<string, Row> ByTypeName = Index(row => row.TypeName);

    /// <summary>The numpy dtype names, in the runtime's <c>DType</c> order.</summary>
    public static IEnumerable<string> NumpyNames
    {
        get
        {
            foreach (var row in Table) yield return row.Name;
        }
    }

    /// <summary>True for a word the dtype column may hold.</summary>
    public static bool IsKnown(string dtype) =>
        ByName.ContainsKey(dtype) || dtype is Any or Int or Str or Bytes or None;

    /// <summary>The numpy name of a tensor element type as generated code writes it (<c>float</c>, <c>global::System.Half</c>); null for others.</summary>
    public static string? FromTypeName(string typeName) => ByTypeName.TryGetValue(typeName, out var row) ? row.Name : null;

    /// <summary>True for the integer dtypes (signed and unsigned, not bool).</summary>
    public static bool IsInteger(string dtype) => ByName.TryGetValue(dtype, out var row) && row.Kind is 'i' or 'u';

    /// <summary>
    /// Whether every value of numpy dtype <paramref name="from"/> is exactly representable in <paramref name="to"/>:
    /// the runtime's rule, row for row. False when either is not a numpy name.
    /// </summary>
    public static bool IsLosslessConversion(string from, string to)
    {
        if (!ByName.TryGetValue(from, out var f) || !ByName.TryGetValue(to, out var t)) return false;
        if (from == to) return true;
        return LosslessRule.Holds(f.Kind, f.Significand, f.Exponent, t.Kind, t.Significand, t.Exponent);
    }

    /// <summary>
    /// How values saved as <paramref name="saved"/> load into a member that is now <paramref name="current"/>.
    /// <c>*</c> and <c>none</c> say nothing and match anything; <c>int</c> holds any integer (a load checks each
    /// value), so it is the same as any integer dtype, and is taken for int64 against the others.
    /// </summary>
    public static DTypeChange Compare(string saved, string current)
    {
        if (saved == current || saved is Any or None || current is Any or None) return DTypeChange.Same;
        if (current == Int)
        {
            if (IsInteger(saved)) return DTypeChange.Same;
            return saved == "bool" ? DTypeChange.Lossless : DTypeChange.Lossy;
        }

        if (saved == Int) return IsInteger(current) ? DTypeChange.Same : Compare("int64", current);
        if (!ByName.ContainsKey(saved) || !ByName.ContainsKey(current)) return DTypeChange.Lossy;
        return IsLosslessConversion(saved, current) ? DTypeChange.Lossless : DTypeChange.Lossy;
    }

    private static Dictionary<string, Row> Index(System.Func<Row, string> key)
    {
        var index = new Dictionary<string, Row>(System.StringComparer.Ordinal);
        foreach (var row in Table) index[key(row)] = row;
        return index;
    }

    private sealed class Row(string name, char kind, int significand, int exponent, string typeName)
    {
        public string Name { get; } = name;

        public char Kind { get; } = kind;

        public int Significand { get; } = significand;

        public int Exponent { get; } = exponent;

        public string TypeName { get; } = typeName;
    }
}
