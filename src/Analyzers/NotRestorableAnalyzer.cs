using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0005: a [Param]/[LongTerm]/[ShortTerm] member that load and reset cannot assign (readonly, get-only, static, const).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotRestorableAnalyzer() : CheckpointAnalyzer(Descriptors.NotRestorable)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeMember, SymbolKind.Field, SymbolKind.Property);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context)
    {
        var member = context.Symbol;
        if (member.IsImplicitlyDeclared || member.ContainingType?.TypeKind != TypeKind.Class)
            return;
        if (StateAttributes.FirstState(member, out _) is null)
            return;
        if (Writability.Check(member, initAllowed: false) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NotRestorable, ModelMembers.LocationOf(member), problem.Properties, member.Name, problem.What, problem.Advice));
        }
    }
}
