using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0006: a state member whose type the generator cannot save (it would be skipped silently).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedStateTypeAnalyzer() : CheckpointAnalyzer(Descriptors.UnsupportedStateType)
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
        var type = Models.TypeOf(member);
        if (MemberTypes.ClassifyState(type) == StateTypeSupport.Unsupported)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnsupportedStateType, ModelMembers.LocationOf(member), member.Name, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }
}
