using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0015: a FormerNames entry equal to the current key of another state member or child of the model.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FormerNameCollisionAnalyzer() : CheckpointAnalyzer(Descriptors.FormerNameCollision)
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
        var members = ModelMembers.KeyedMembers(type);
        foreach (var keyed in members)
        {
            if (keyed.StateAttribute is null || !SymbolEqualityComparer.Default.Equals(keyed.Member.ContainingType, type))
                continue;
            foreach (var former in StateAttributes.NamedStrings(keyed.StateAttribute, "FormerNames"))
            {
                var owner = members.FirstOrDefault(other => other.Key == former && !SymbolEqualityComparer.Default.Equals(other.Member, keyed.Member));
                if (owner is null)
                    continue;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.FormerNameCollision, ModelMembers.LocationOf(keyed.StateAttribute, keyed.Member), keyed.Member.Name, former, owner.Member.Name));
            }
        }
    }
}
