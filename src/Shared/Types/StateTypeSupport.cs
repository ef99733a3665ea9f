using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>Whether the generator can write an accessor for the type of a state member, and if not, why.</summary>
internal enum StateTypeSupport
{
    /// <summary>The generator writes an accessor for it.</summary>
    Supported,

    /// <summary>The generator cannot save it and skips the member.</summary>
    Unsupported,

    /// <summary>A type parameter used as an element without the <c>unmanaged</c> constraint.</summary>
    UnconstrainedGenericElement,

    /// <summary>The type does not compile; the compiler already reports it.</summary>
    Erroneous,
}

/// <summary>Member-type questions beyond <see cref="StateTypes.Classify"/>: why a state type is unsupported, what looks learnable.</summary>
internal static class StateTypeChecks
{
    /// <summary>A readable list of the supported state types, for messages.</summary>
    public const string SupportedStateTypes =
        "Checkpoint.NdArray<T>, System.Numerics.Tensors.Tensor<T>, classes implementing Checkpoint.INdArray, arrays (one-dimensional or rectangular) and scalars of bool, integer, Half, BFloat16, float, double, Complex64 or Complex, string, enums, Checkpoint.Quantity";

    /// <summary>Whether a [Param]/[LongTerm]/[ShortTerm] member of this type can be saved by the generated code.</summary>
    public static StateTypeSupport SupportOf(this StateTypes types, ITypeSymbol type)
    {
        if (ContainsError(type)) return StateTypeSupport.Erroneous;
        if (types.Classify(type).IsLeaf) return StateTypeSupport.Supported;
        return GenericElement(types, type) is { HasUnmanagedTypeConstraint: false }
            ? StateTypeSupport.UnconstrainedGenericElement
            : StateTypeSupport.Unsupported;
    }

    /// <summary>The type parameter a tensor, array or scalar member is made of, if it is one.</summary>
    public static ITypeParameterSymbol? GenericElement(this StateTypes types, ITypeSymbol type) =>
        (types.TensorElement(type) ?? SystemTypes.NumericsTensorElement(type) ?? (type as IArrayTypeSymbol)?.ElementType ?? type) as ITypeParameterSymbol;

    /// <summary>Whether the type looks like something that holds learnable numbers: a floating tensor, array or Quantity.</summary>
    public static bool LooksLearnable(this StateTypes types, ITypeSymbol type)
    {
        if ((types.TensorElement(type) ?? SystemTypes.NumericsTensorElement(type)) is { } element) return IsFloatingElement(types, element);
        if (type is IArrayTypeSymbol array) return IsFloatingElement(types, array.ElementType);
        return types.IsQuantity(type);
    }

    // Floating-point elements: what learnable values are stored as.
    private static bool IsFloatingElement(StateTypes types, ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Single or SpecialType.System_Double
        || SystemTypes.IsHalf(type)
        || types.IsBFloat16(type);

    /// <summary>True when the type or a type it is made of does not compile (the compiler reports that itself).</summary>
    public static bool ContainsError(ITypeSymbol type)
    {
        switch (type)
        {
            case { TypeKind: TypeKind.Error }:
                return true;
            case IArrayTypeSymbol array:
                return ContainsError(array.ElementType);
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    if (ContainsError(argument)) return true;
                }

                return false;
            default:
                return false;
        }
    }
}
