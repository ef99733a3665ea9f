using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>
/// CKPT0004: a model class (or a type containing it) declared without <c>partial</c>. Reported once per model at
/// its name; the additional locations are every declaration that lacks the modifier, which the fix edits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelNotPartialAnalyzer() : DefinitionAnalyzer(Descriptors.ModelNotPartial)
{
    /// <inheritdoc />
    private protected override Diagnostic CreateDiagnostic(Problem problem, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var missing = PartialDeclarations.Missing(type, names: null, cancellationToken);
        // Point at the model's own name; a declaration of the model that lacks partial is the most useful one.
        var primary = missing.FirstOrDefault(d => IsDeclarationOf(d, type))?.Identifier.GetLocation()
            ?? ProblemLocations.Of(problem.Site, type);
        return Diagnostic.Create(Descriptor, primary, missing.Select(d => d.Identifier.GetLocation()), problem.Arguments.ToArray<object?>());
    }

    private static bool IsDeclarationOf(TypeDeclarationSyntax declaration, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == declaration.SyntaxTree && r.Span == declaration.Span);
}
