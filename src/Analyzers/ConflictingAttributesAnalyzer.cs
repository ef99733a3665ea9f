using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0007: two of [Param], [LongTerm], [ShortTerm], [Config] on one member, or [NotState] with any of them.
/// The generator honours only the first, so the others are silently ignored. Reported at the second attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConflictingAttributesAnalyzer() : CheckpointAnalyzer(Descriptors.ConflictingAttributes)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSymbolAction(AnalyzeMember, SymbolKind.Field, SymbolKind.Property);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context)
    {
        var member = context.Symbol;
        if (member.IsImplicitlyDeclared)
            return;
        var attributes = StateAttributes.Of(member);
        for (var later = 1; later < attributes.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (!Conflict(attributes[earlier].Kind, attributes[later].Kind))
                    continue;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ConflictingAttributes,
                    ModelMembers.LocationOf(attributes[later].Data, member),
                    member.Name,
                    attributes[earlier].Kind,
                    attributes[later].Kind));
                break;
            }
        }
    }

    /// <summary>Any two different Checkpoint member attributes conflict: a member has exactly one role.</summary>
    private static bool Conflict(StateAttributeKind first, StateAttributeKind second) =>
        first != second && first != StateAttributeKind.None && second != StateAttributeKind.None;
}
