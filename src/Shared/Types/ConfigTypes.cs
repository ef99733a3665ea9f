using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>What a <c>[Config]</c> member may hold, and how constructor parameters name config members.</summary>
internal static class ConfigTypes
{
    /// <summary>The config types in words, for diagnostics.</summary>
    public const string Text = "bool, byte, short, int, long, uint, ulong, float, double, decimal, string or an enum";

    /// <summary>
    /// The types a <c>[Config]</c> member may have (what the generated config record holds and saves as a plain
    /// map value): bool, byte, short, int, long, uint, ulong, float, double, decimal, string and enums.
    /// </summary>
    public static bool IsSupported(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum || type.SpecialType is
            SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_Int32 or
            SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Single or
            SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_String;

    /// <summary>
    /// Whether a constructor parameter and a config member name the same thing: case and underscores are
    /// ignored, so <c>n_input</c>, <c>nInput</c> and <c>NInput</c> match (generated FromConfig passes it).
    /// </summary>
    public static bool NamesMatch(string parameter, string member) => Normalize(parameter) == Normalize(member);

    private static string Normalize(string name) => name.TrimStart('@').Replace("_", "").ToLowerInvariant();
}
