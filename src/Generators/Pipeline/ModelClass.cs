using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators.Pipeline;

/// <summary>
/// A class that may be a model, by its full metadata name (<c>Demo.Outer+Lif`1</c>): what the trigger yields, a
/// plain value that stays equal while the class keeps its name, and enough to find the class again in the
/// compilation the collector reads. It is read from the declaration's syntax alone, so finding it binds nothing.
/// </summary>
/// <param name="MetadataName">The name <see cref="IAssemblySymbol.GetTypeByMetadataName"/> takes.</param>
internal sealed record ModelClass(string MetadataName)
{
    /// <summary>The key of the class <paramref name="declaration"/> declares (one part of it, for a partial class).</summary>
    public static ModelClass Of(TypeDeclarationSyntax declaration)
    {
        var types = new List<string>();
        var namespaces = new List<string>();
        for (SyntaxNode? node = declaration; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax type:
                    var arity = type.TypeParameterList?.Parameters.Count ?? 0;
                    types.Insert(0, arity == 0 ? type.Identifier.ValueText : type.Identifier.ValueText + "`" + arity);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    namespaces.InsertRange(0, NameParts(ns.Name));
                    break;
            }
        }

        var name = string.Join("+", types);
        return new ModelClass(namespaces.Count == 0 ? name : string.Join(".", namespaces) + "." + name);
    }

    private static IEnumerable<string> NameParts(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => [.. NameParts(qualified.Left), .. NameParts(qualified.Right)],
        SimpleNameSyntax simple => [simple.Identifier.ValueText],
        _ => [name.ToString()],
    };
}
