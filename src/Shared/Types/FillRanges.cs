using System;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>Which <c>[ShortTerm(Fill = value)]</c> values a member's element type can hold exactly.</summary>
internal static class FillRanges
{
    /// <summary>
    /// Whether <c>[ShortTerm(Fill = value)]</c> is representable in an element or scalar type (enums by their
    /// underlying type): integers need a whole number in range, <see cref="bool"/> 0 or 1; floating and complex
    /// types take any value. A fill that does not fit would be a compile error or a silent wrap in generated code.
    /// </summary>
    public static bool Fits(ITypeSymbol? type, double value)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }) type = underlying;
        double min, max;
        switch (type?.SpecialType)
        {
            case SpecialType.System_Boolean: return value == 0 || value == 1;
            case SpecialType.System_SByte: min = sbyte.MinValue; max = sbyte.MaxValue; break;
            case SpecialType.System_Byte: min = byte.MinValue; max = byte.MaxValue; break;
            case SpecialType.System_Int16: min = short.MinValue; max = short.MaxValue; break;
            case SpecialType.System_UInt16: min = ushort.MinValue; max = ushort.MaxValue; break;
            case SpecialType.System_Int32: min = int.MinValue; max = int.MaxValue; break;
            case SpecialType.System_UInt32: min = uint.MinValue; max = uint.MaxValue; break;
            // 2^63 and 2^64 are exact doubles; the largest 64-bit values are not, so compare below them.
            case SpecialType.System_Int64: return IsWhole(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18;
            case SpecialType.System_UInt64: return IsWhole(value) && value >= 0 && value < 1.8446744073709552E19;
            default: return true;
        }

        return IsWhole(value) && value >= min && value <= max;
    }

    private static bool IsWhole(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && Math.Floor(value) == value;
}
