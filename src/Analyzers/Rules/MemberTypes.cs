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
}

/// <summary>Classifies member types the way the generator does: element types, tensors, arrays, models.</summary>
internal static class MemberTypes
{
    /// <summary>Whether <paramref name="type"/> is a tensor/array element type (numeric primitives, bool, Half, BFloat16, complex).</summary>
    public static bool IsElementType(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return true;
        }
        return IsNamed(type, "System", "Half")
            || IsNamed(type, "System.Numerics", "Complex")
            || IsCheckpointType(type, "BFloat16")
            || IsCheckpointType(type, "Complex64");
    }

    /// <summary>Whether the element type is a floating-point type (what learnable values are stored as).</summary>
    public static bool IsFloatingElement(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Single or SpecialType.System_Double
        || IsNamed(type, "System", "Half")
        || IsCheckpointType(type, "BFloat16");

    /// <summary>The element type when <paramref name="type"/> is <c>Checkpoint.Tensor&lt;T&gt;</c>, else null.</summary>
    public static ITypeSymbol? TensorElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Tensor", Arity: 1 } named && StateAttributes.IsInCheckpointNamespace(named)
            ? named.TypeArguments[0]
            : null;

    /// <summary>Whether the type is the runtime's <c>Quantity</c> (a value with a unit), matched by name.</summary>
    public static bool IsQuantity(ITypeSymbol type) =>
        type.Name == "Quantity" && OutermostNamespace(type) == StateAttributes.Namespace;

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
        if (TensorElement(type) is { } tensorElement)
            return ClassifyElement(tensorElement);
        if (type is IArrayTypeSymbol array)
            return ClassifyElement(array.ElementType);
        if (type is ITypeParameterSymbol)
            return ClassifyElement(type);
        if (IsElementType(type) || type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Enum || IsQuantity(type))
            return StateTypeSupport.Supported;
        return StateTypeSupport.Unsupported;
    }

    /// <summary>Whether a [Config] member of this type can be read and set by the generated config code.</summary>
    public static bool IsSupportedConfig(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
            return IsConfigScalar(array.ElementType);
        return IsConfigScalar(type) || IsQuantity(type);
    }

    private static bool IsConfigScalar(ITypeSymbol type) =>
        IsElementType(type) || type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Enum;

    private static StateTypeSupport ClassifyElement(ITypeSymbol element)
    {
        if (element is ITypeParameterSymbol parameter)
            return parameter.HasUnmanagedTypeConstraint ? StateTypeSupport.Supported : StateTypeSupport.UnconstrainedGenericElement;
        return IsElementType(element) ? StateTypeSupport.Supported : StateTypeSupport.Unsupported;
    }

    /// <summary>A readable list of the supported state types, for messages.</summary>
    public const string SupportedStateTypes =
        "Tensor<T>, arrays (one-dimensional or rectangular) and scalars of bool, integer, Half, BFloat16, float, double, Complex64 or Complex, string, enums, Quantity";

    /// <summary>A readable list of the supported config types, for messages.</summary>
    public const string SupportedConfigTypes =
        "scalars of bool, integer, Half, BFloat16, float, double, Complex64 or Complex, string, enums, arrays of those, Quantity";

    internal static bool IsCheckpointType(ITypeSymbol type, string name) =>
        type.Name == name && StateAttributes.IsInCheckpointNamespace(type);

    private static bool IsNamed(ITypeSymbol type, string @namespace, string name) =>
        type.Name == name && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == @namespace;

    private static string? OutermostNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
            return null;
        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
            ns = parent;
        return ns.Name;
    }
}
