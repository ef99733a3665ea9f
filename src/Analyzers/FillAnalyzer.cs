using Checkpoint.Analyzers.Rules;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0017: <c>[ShortTerm(Fill = v)]</c> on a member whose element type cannot hold v exactly (a negative fill of
/// an unsigned counter, 300 for a byte, 0.5 for an int). The generator leaves such members out of ResetState.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FillAnalyzer() : CheckpointAnalyzer(Descriptors.FillDoesNotFit)
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
        foreach (var (kind, attribute) in StateAttributes.Of(member))
        {
            if (kind != StateAttributeKind.ShortTerm || StateAttributes.NamedArgument(attribute, "Fill")?.Value is not double fill)
                continue;
            var type = Models.TypeOf(member);
            var info = StateTypeRules.Classify(type);
            // The element type for tensors and arrays, the type itself for scalars and enums (as the generator reads it).
            var target = info.Kind == StateTypeKind.Enum ? type : info.Element;
            if (info.Kind is not (StateTypeKind.Tensor or StateTypeKind.Array or StateTypeKind.Scalar or StateTypeKind.Enum)
                || StateTypeRules.FillFits(target, fill))
                continue;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.FillDoesNotFit,
                ModelMembers.LocationOf(attribute, member),
                member.Name,
                fill.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                target!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
    }
}
