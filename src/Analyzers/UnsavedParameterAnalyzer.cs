using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0001: a learnable-looking field or property of a model that is neither state nor [NotState].</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsavedParameterAnalyzer() : CheckpointAnalyzer(Descriptors.UnsavedParameter)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!ModelMembers.IsAnnotatedModel(type))
            return;
        foreach (var member in Models.DataMembers(type))
        {
            if (member.IsStatic || member is IFieldSymbol { IsConst: true } || StateAttributes.HasAny(member) || !Models.IsStorage(member))
                continue;
            if (MemberTypes.LooksLearnable(Models.TypeOf(member)))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsavedParameter, ModelMembers.LocationOf(member), member.Name));
        }
    }
}
