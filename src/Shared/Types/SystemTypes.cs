using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// The few BCL types the rules name. They are matched by name rather than resolved like the runtime's types: a
/// polyfill of the same name in a referenced package would make the compilation's lookup ambiguous.
/// </summary>
internal static class SystemTypes
{
    /// <summary><c>System.Half</c>.</summary>
    public static bool IsHalf(ITypeSymbol type) => HasFullName(type, "System", "Half");

    /// <summary><c>System.Numerics.Complex</c>.</summary>
    public static bool IsComplex(ITypeSymbol type) => HasFullName(type, "System.Numerics", "Complex");

    /// <summary>The T of <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> (the platform's tensor type), whatever T is; null for other types.</summary>
    public static ITypeSymbol? NumericsTensorElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 1 } named && HasFullName(named, MetadataNames.NumericsTensorNamespace, MetadataNames.NumericsTensorName)
            ? named.TypeArguments[0]
            : null;

    /// <summary>True when <paramref name="symbol"/> is <c>ns.name</c> (a top-level type of that namespace).</summary>
    public static bool HasFullName(ISymbol symbol, string ns, string name)
    {
        if (symbol.Name != name || symbol.ContainingType is not null) return false;
        return NamespaceIs(symbol.ContainingNamespace, ns);
    }

    // Compares a namespace symbol with a dotted name, right to left, without allocating.
    private static bool NamespaceIs(INamespaceSymbol? ns, string dotted)
    {
        var end = dotted.Length;
        while (end > 0)
        {
            if (ns is null || ns.IsGlobalNamespace) return false;
            var start = dotted.LastIndexOf('.', end - 1) + 1;
            var part = ns.Name;
            if (part.Length != end - start || string.CompareOrdinal(part, 0, dotted, start, part.Length) != 0) return false;
            ns = ns.ContainingNamespace;
            end = start - 1;
        }

        return ns is not null && ns.IsGlobalNamespace;
    }
}
