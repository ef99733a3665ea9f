using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Pipeline;

/// <summary>
/// A class that may be a model, by its full metadata name (<c>Demo.Outer+Lif`1</c>): what the attribute triggers
/// yield, a plain value that stays equal while the class keeps its name, and enough to find the class again in
/// the compilation the collector reads.
/// </summary>
/// <param name="MetadataName">The name <see cref="IAssemblySymbol.GetTypeByMetadataName"/> takes.</param>
internal sealed record ModelClass(string MetadataName)
{
    /// <summary>The key of <paramref name="type"/>.</summary>
    public static ModelClass Of(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType) parts.Insert(0, current.MetadataName);
        var name = string.Join("+", parts);
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace) name = ns.Name + "." + name;
        return new ModelClass(name);
    }
}
