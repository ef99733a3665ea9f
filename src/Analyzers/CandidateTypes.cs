using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers;

/// <summary>
/// The types the definition and schema rules look at, found per syntax tree once the compiler has finished the
/// tree. Reporting from a semantic model action rather than a symbol action is what keeps the rules cheap: a
/// named-type symbol action runs as soon as the type is declared, before its members' types and attributes are
/// bound, so collecting its problems would bind them in the analyzers' time; by the semantic model action the
/// compiler has bound them itself. (Symbol start/end actions wait too, but the driver then tracks every member of
/// every type for each rule, which cost the build more than the binding it saved.)
/// </summary>
internal static class CandidateTypes
{
    /// <summary>
    /// The types declared wholly or partly in <paramref name="model"/>'s tree that may have problems, each once. A
    /// partial type is listed for each tree that declares a part of it: its problems are collected once
    /// (<see cref="ModelAnalysis"/>) and each tree reports those located in it (<see cref="IsIn"/>).
    /// </summary>
    public static List<INamedTypeSymbol> In(SemanticModel model, CancellationToken cancellationToken)
    {
        var types = new List<INamedTypeSymbol>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not BaseTypeDeclarationSyntax declaration) continue;
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is { } type && seen.Add(type) && MayHaveProblems(type, cancellationToken))
                types.Add(type);
        }

        return types;
    }

    /// <summary>Whether a diagnostic belongs to the tree being analysed (each is reported by the tree it points into).</summary>
    public static bool IsIn(Diagnostic diagnostic, SemanticModel model) => diagnostic.Location.SourceTree == model.SyntaxTree;

    /// <summary>
    /// Whether <paramref name="type"/> can have model problems at all, read from its declarations' syntax only: an
    /// attribute on itself or on a member, or a base list (it may derive from a model). Any other type is not a model,
    /// derives from none and has no misplaced attribute, so the collector would find nothing.
    /// </summary>
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
