using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>How types are named in diagnostic messages.</summary>
internal static class TypeNames
{
    // float[], List<float>, Demo.Layer: as a user would write them where the namespaces are imported.
    private static readonly SymbolDisplayFormat ShortFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    // System.Numerics.Tensors.Tensor<float>: every namespace written out, keywords for the special types.
    private static readonly SymbolDisplayFormat FullFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>The type as written where its namespaces are imported (<c>List&lt;float&gt;</c>).</summary>
    public static string Short(ITypeSymbol type) => type.ToDisplayString(ShortFormat);

    /// <summary>
    /// The short name, unless a type in it shares its simple name with another type the reader may think of (one
    /// in the same namespace, one of the runtime's, one declared in the compilation; and any type named <c>Tensor</c>, since
    /// the platform and every tensor library have one): then every namespace is written out
    /// (<c>Microsoft.ML.OnnxRuntime.Tensors.Tensor&lt;float&gt;</c>, not <c>Tensor&lt;float&gt;</c>).
    /// </summary>
    public static string Distinct(ITypeSymbol type, Compilation compilation, CheckpointSymbols symbols) =>
        SharesSimpleName(type, compilation, symbols, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default))
            ? type.ToDisplayString(FullFormat)
            : Short(type);

    private static bool SharesSimpleName(ITypeSymbol type, Compilation compilation, CheckpointSymbols symbols, HashSet<ITypeSymbol> seen)
    {
        if (!seen.Add(type)) return false;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return SharesSimpleName(array.ElementType, compilation, symbols, seen);
            case INamedTypeSymbol named when named.SpecialType == SpecialType.None:
                foreach (var argument in named.TypeArguments)
                {
                    if (SharesSimpleName(argument, compilation, symbols, seen)) return true;
                }

                return HasNamesake(named, compilation, symbols);
            default:
                return false;
        }
    }

    private static bool HasNamesake(INamedTypeSymbol type, Compilation compilation, CheckpointSymbols symbols)
    {
        var definition = type.OriginalDefinition;
        // Every library calls its tensor "Tensor" (ONNX Runtime, TorchSharp, the platform): say which one.
        if (definition.Name == MetadataNames.NumericsTensorName) return true;
        if (definition.ContainingType is null && definition.ContainingNamespace is { } ns && Other(ns.GetTypeMembers(definition.Name), definition))
            return true;
        if (Other(symbols.Namespace.GetTypeMembers(definition.Name), definition)) return true;
        foreach (var declared in compilation.GetSymbolsWithName(definition.Name, SymbolFilter.Type))
        {
            if (!SymbolEqualityComparer.Default.Equals(declared, definition)) return true;
        }

        return false;
    }

    private static bool Other(System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> types, INamedTypeSymbol definition)
    {
        foreach (var candidate in types)
        {
            if (!SymbolEqualityComparer.Default.Equals(candidate, definition)) return true;
        }

        return false;
    }
}
