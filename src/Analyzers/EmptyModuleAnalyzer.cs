using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0013: a [Module] class with no state, no config and no children, here or in its bases.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyModuleAnalyzer() : CheckpointAnalyzer(Descriptors.EmptyModule)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || !StateAttributes.HasModule(type))
            return;
        foreach (var declaring in Models.BaseFirst(type))
        {
            foreach (var member in Models.DataMembers(declaring))
            {
                if (StateAttributes.FirstState(member, out _) is not null
                    || StateAttributes.Has(member, StateAttributeKind.Config)
                    || Models.ChildModelType(member) is not null)
                {
                    return;
                }
            }
        }
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmptyModule, ModelMembers.LocationOf(type), type.Name));
    }
}
