using System.Globalization;

namespace Checkpoint.Schema;

/// <summary>
/// One saved path of one model: <c>Net: encoder.weight float32 2 array</c>. Plain values, compared by value.
/// </summary>
/// <param name="Model">The model's name (<see cref="SchemaModelNames"/>): <c>Net</c>, <c>Outer.Inner</c>, <c>Lif&lt;T&gt;</c>.</param>
/// <param name="Path">The canonical path (<see cref="SchemaPaths"/>): escaped keys joined with dots, <c>*</c> for any key.</param>
/// <param name="DType">The dtype column (<see cref="SchemaDTypes"/>).</param>
/// <param name="Rank">The number of dimensions; <see cref="AnyRank"/> when not known (an <c>NdArray&lt;T&gt;</c> in code).</param>
/// <param name="Kind">How the value is saved (<see cref="SchemaKinds"/>).</param>
internal sealed record SchemaLine(string Model, string Path, string DType, int Rank, string Kind)
{
    /// <summary>The rank of a line whose rank is not known: written <c>*</c>.</summary>
    public const int AnyRank = -1;

    /// <summary>The rank column as written: the number, or <c>*</c>.</summary>
    public string RankText => Rank == AnyRank ? "*" : Rank.ToString(CultureInfo.InvariantCulture);

    /// <summary>The line as written in the schema file.</summary>
    public override string ToString() => $"{Model}: {Path} {DType} {RankText} {Kind}";
}

/// <summary>A place in one model's paths: a path, or the whole model (an empty path).</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Path">A canonical path (<see cref="SchemaPaths"/>); empty for the whole model.</param>
internal sealed record SchemaPlace(string Model, string Path);

/// <summary>
/// The kind column: how a value is saved, which is what a file shows too (a file does not say whether a value was a
/// parameter or long-term state).
/// </summary>
internal static class SchemaKinds
{
    /// <summary>An array: <c>NdArray&lt;T&gt;</c> and .NET array members; a numpy array in a file.</summary>
    public const string Array = "array";

    /// <summary>One number or bool: scalar and enum members; a Python number or numpy scalar in a file.</summary>
    public const string Scalar = "scalar";

    /// <summary>A string.</summary>
    public const string String = "string";

    /// <summary>A <c>Quantity</c>: the braintools map of mantissa and unit; dtype and rank are the mantissa's.</summary>
    public const string Quantity = "quantity";

    /// <summary>Raw bytes (only files hold them).</summary>
    public const string Bytes = "bytes";

    /// <summary>None in a file: says nothing about the member.</summary>
    public const string None = "none";

    /// <summary>Not known.</summary>
    public const string Any = "*";

    /// <summary>True for a word the kind column may hold.</summary>
    public static bool IsKnown(string kind) => kind is Array or Scalar or String or Quantity or Bytes or None or Any;
}
