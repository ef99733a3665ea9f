using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0014: a state or config attribute on a member of a struct, record struct or interface (the generator ignores it).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateOutsideClassAnalyzer() : CheckpointAnalyzer(Descriptors.StateOutsideClass)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeMember, SymbolKind.Field, SymbolKind.Property);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context)
    {
        var member = context.Symbol;
        var container = member.ContainingType;
        if (member.IsImplicitlyDeclared || container is null || container.TypeKind == TypeKind.Class)
            return;
        if (StateAttributes.FirstState(member, out _) is null && !StateAttributes.Has(member, StateAttributeKind.Config))
            return;
        var kind = container.TypeKind switch
        {
            TypeKind.Struct when container.IsRecord => "record struct",
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ => container.TypeKind.ToString().ToLowerInvariant(),
        };
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.StateOutsideClass, ModelMembers.LocationOf(member), member.Name, kind, container.Name));
    }
}
