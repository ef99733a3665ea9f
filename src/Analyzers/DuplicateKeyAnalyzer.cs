using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0010: two state members or children of one model (inherited ones included) saved under the same key after
/// the naming policy and Name overrides. Reported at the later member, when the model declares it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateKeyAnalyzer() : CheckpointAnalyzer(Descriptors.DuplicateKey)
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
        var firstByKey = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (var keyed in ModelMembers.KeyedMembers(type))
        {
            if (!firstByKey.TryGetValue(keyed.Key, out var first))
            {
                firstByKey.Add(keyed.Key, keyed.Member);
                continue;
            }
            if (!SymbolEqualityComparer.Default.Equals(keyed.Member.ContainingType, type))
                continue; // the base class reports its own duplicates
            var firstName = SymbolEqualityComparer.Default.Equals(first.ContainingType, type) ? first.Name : first.ContainingType.Name + "." + first.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DuplicateKey, ModelMembers.LocationOf(keyed.Member), keyed.Member.Name, keyed.Key, firstName, type.Name));
        }
    }
}
