using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.Generators.Emitting;

/// <summary>C# literals for values computed at build time.</summary>
internal static class Literals
{
    /// <summary>A string literal, escaped.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A double literal that round-trips exactly (<c>-65d</c>, <c>0.1d</c>, <c>double.NaN</c>).</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}
