using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0009: a model type that contains itself through its children, directly, through collections or through
/// other models. Reported at the model's own child member where the cycle starts.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChildCycleAnalyzer() : CheckpointAnalyzer(Descriptors.ChildCycle)
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
        var target = type.OriginalDefinition;
        foreach (var member in Models.DataMembers(type))
        {
            if (Models.ChildModelType(member) is not INamedTypeSymbol child)
                continue;
            var path = new List<string>();
            if (Reaches(child, target, path, new HashSet<ISymbol>(SymbolEqualityComparer.Default)))
            {
                var through = path.Count == 0 ? $"'{member.Name}'" : $"'{member.Name}' ({string.Join(" → ", path)})";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ChildCycle, ModelMembers.LocationOf(member), type.Name, through));
            }
        }
    }

    /// <summary>Depth-first search over child types; <paramref name="path"/> receives the models passed on the way.</summary>
    private static bool Reaches(INamedTypeSymbol from, INamedTypeSymbol target, List<string> path, HashSet<ISymbol> visited)
    {
        if (SymbolEqualityComparer.Default.Equals(from.OriginalDefinition, target))
            return true;
        if (!visited.Add(from.OriginalDefinition))
            return false;
        path.Add(from.Name);
        foreach (var declaring in Models.BaseFirst(from))
        {
            foreach (var member in Models.DataMembers(declaring))
            {
                if (Models.ChildModelType(member) is INamedTypeSymbol next && Reaches(next, target, path, visited))
                    return true;
            }
        }
        path.RemoveAt(path.Count - 1);
        return false;
    }
}
