using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0011: a state attribute's Name or FormerNames entry that is empty or contains a dot.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidKeyAnalyzer() : CheckpointAnalyzer(Descriptors.InvalidKey)
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
        foreach (var (kind, attribute) in StateAttributes.Of(member))
        {
            if (!StateAttributes.IsState(kind))
                continue;
            var keys = StateAttributes.NamedStrings(attribute, "FormerNames");
            if (StateAttributes.NamedString(attribute, "Name") is { } name)
                keys.Insert(0, name);
            foreach (var key in keys)
            {
                if (Problem(key) is { } problem)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.InvalidKey, ModelMembers.LocationOf(attribute, member), member.Name, key, problem));
                }
            }
        }
    }

    private static string? Problem(string key)
    {
        if (key.Trim().Length == 0)
            return "empty";
        if (key.IndexOf('.') >= 0)
            return "a dotted path";
        return null;
    }
}
