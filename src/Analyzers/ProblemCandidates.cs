using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers;

/// <summary>
/// Which types can have model problems at all, read from their declarations' syntax only (no binding): a type with
/// an attribute on itself or on a member, or with a base list (it may derive from a model). Any other type is not a
/// model, derives from none and has no misplaced attribute, so the collector would find nothing; most types of a
/// project are like that, and skipping them keeps the analyzers from asking the compiler about them at all.
/// </summary>
internal static class ProblemCandidates
{
    public static bool MayHaveProblems(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not BaseTypeDeclarationSyntax declaration) continue;
            if (declaration.AttributeLists.Count > 0 || declaration.BaseList is not null) return true;
            switch (declaration)
            {
                // Record parameters become properties that carry their [property: ...] attributes.
                case TypeDeclarationSyntax { ParameterList: { } parameters } when parameters.Parameters.Any(p => p.AttributeLists.Count > 0):
                    return true;
                case TypeDeclarationSyntax typed when typed.Members.Any(m => m.AttributeLists.Count > 0):
                    return true;
                case EnumDeclarationSyntax enumeration when enumeration.Members.Any(m => m.AttributeLists.Count > 0):
                    return true;
            }
        }

        return false;
    }
}
