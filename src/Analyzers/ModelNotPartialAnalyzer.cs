using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0004: a model class (or a type containing it) declared without <c>partial</c>. Reported once per model at
/// its name; the additional locations are every declaration that lacks the modifier, which the fix edits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelNotPartialAnalyzer() : CheckpointAnalyzer(Descriptors.ModelNotPartial)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!Models.DeclaresModel(type))
            return;

        var missing = new List<TypeDeclarationSyntax>();
        var names = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var lacking = false;
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    missing.Add(declaration);
                    lacking = true;
                }
            }
            if (lacking)
                names.Add("'" + current.Name + "'");
        }
        if (missing.Count == 0)
            return;

        // Point at the model's own name; a declaration of the model that lacks partial is the most useful one.
        var primary = missing.FirstOrDefault(d => IsDeclarationOf(d, type))
            ?.Identifier.GetLocation() ?? ModelMembers.LocationOf(type);
        var additional = missing.Select(d => d.Identifier.GetLocation());
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ModelNotPartial, primary, additional, type.ToDisplayString(TypeNameFormat), string.Join(" and ", names)));
    }

    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    private static bool IsDeclarationOf(TypeDeclarationSyntax declaration, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == declaration.SyntaxTree && r.Span == declaration.Span);
}
