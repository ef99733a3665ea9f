using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Rules;

/// <summary>How the generator can treat the type of a state member.</summary>
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

/// <summary>
/// Member-type questions the analyzers ask on top of <see cref="StateTypeRules"/>: what looks learnable, why a
/// type is unsupported, and what configs can hold.
/// </summary>
internal static class MemberTypes
{
    /// <summary>Whether the element type is a floating-point type (what learnable values are stored as).</summary>
    public static bool IsFloatingElement(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Single or SpecialType.System_Double
        || StateTypeRules.HasFullName(type, "System", "Half")
        || StateTypeRules.HasFullName(type, StateTypeRules.Namespace, "BFloat16");

    /// <summary>The type argument when <paramref name="type"/> is <c>Checkpoint.NdArray&lt;T&gt;</c> (whatever T), else null.</summary>
    public static ITypeSymbol? TensorElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 1 } named && StateTypeRules.HasFullName(named, StateTypeRules.Namespace, "NdArray")
            ? named.TypeArguments[0]
            : null;

    /// <summary>Whether the type is the runtime's <c>Checkpoint.Quantity</c> (a value with a unit).</summary>
    public static bool IsQuantity(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 0 } && StateTypeRules.HasFullName(type, StateTypeRules.Namespace, "Quantity");

    /// <summary>Whether the type looks like something that holds learnable numbers: a floating tensor, array or Quantity.</summary>
    public static bool LooksLearnable(ITypeSymbol type)
    {
        if (TensorElement(type) is { } element)
            return IsFloatingElement(element);
        if (type is IArrayTypeSymbol array)
            return IsFloatingElement(array.ElementType);
        return IsQuantity(type);
    }

    /// <summary>Whether a [Param]/[LongTerm]/[ShortTerm] member of this type can be saved by the generated code.</summary>
    public static StateTypeSupport ClassifyState(ITypeSymbol type)
    {
        if (ContainsError(type))
            return StateTypeSupport.Erroneous;
        if (StateTypeRules.Classify(type).IsLeaf)
            return StateTypeSupport.Supported;
        var element = TensorElement(type) ?? (type as IArrayTypeSymbol)?.ElementType ?? type;
        return element is ITypeParameterSymbol { HasUnmanagedTypeConstraint: false }
            ? StateTypeSupport.UnconstrainedGenericElement
            : StateTypeSupport.Unsupported;
    }

    /// <summary>Whether a [Config] member of this type can be read and set by the generated config code.</summary>
    public static bool IsSupportedConfig(ITypeSymbol type) =>
        ContainsError(type) || StateTypeRules.IsConfigType(type); // error types: the compiler reports them

    private static bool ContainsError(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsError(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsError),
        _ => false,
    };

    /// <summary>A readable list of the supported state types, for messages.</summary>
    public const string SupportedStateTypes =
        "NdArray<T>, arrays (one-dimensional or rectangular) and scalars of bool, integer, Half, BFloat16, float, double, Complex64 or Complex, string, enums, Quantity";

    /// <summary>A readable list of the supported config types, for messages.</summary>
    public const string SupportedConfigTypes = StateTypeRules.ConfigTypesText;
}
