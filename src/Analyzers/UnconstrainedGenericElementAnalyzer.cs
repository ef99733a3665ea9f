using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0016: a state member whose element type is a type parameter without the <c>unmanaged</c> constraint.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnconstrainedGenericElementAnalyzer() : CheckpointAnalyzer(Descriptors.UnconstrainedGenericElement)
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
        if (MemberTypes.ClassifyState(type) != StateTypeSupport.UnconstrainedGenericElement)
            return;
        var element = MemberTypes.TensorElement(type) ?? (type as IArrayTypeSymbol)?.ElementType ?? type;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnconstrainedGenericElement, ModelMembers.LocationOf(member), member.Name, element.Name));
    }
}
