using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.SourceRules;

/// <summary>Whether the generator can add a partial declaration to a class, read from its declarations.</summary>
internal static class PartialDeclarations
{
    /// <summary>
    /// True when the generator can add a partial declaration to <paramref name="type"/>: a non-static class (or
    /// record class) declared in source, every declaration <c>partial</c>, not file-local, and every containing
    /// type partial too.
    /// </summary>
    public static bool CanGenerate(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsImplicitlyDeclared) return false;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartialInSource(current)) return false;
        }

        return true;
    }

    private static bool IsPartialInSource(INamedTypeSymbol type)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsDefaultOrEmpty) return false;
        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration) return false;
            var partial = false;
            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.FileKeyword)) return false;
                if (modifier.IsKind(SyntaxKind.PartialKeyword)) partial = true;
            }

            if (!partial) return false;
        }

        return true;
    }

    /// <summary>
    /// The declarations of <paramref name="type"/> and of the types containing it that lack <c>partial</c>, the
    /// model's own first, and the names of the types they declare (<c>'Outer'</c>), innermost first.
    /// </summary>
    public static List<TypeDeclarationSyntax> Missing(INamedTypeSymbol type, List<string>? names, CancellationToken cancellationToken)
    {
        var missing = new List<TypeDeclarationSyntax>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var lacking = false;
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    missing.Add(declaration);
                    lacking = true;
                }
            }

            if (lacking) names?.Add("'" + current.Name + "'");
        }

        return missing;
    }
}
