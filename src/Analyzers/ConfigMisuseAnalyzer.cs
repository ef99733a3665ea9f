using Checkpoint.SourceRules;
using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0008: a [Config] member that generated FromConfig cannot set, or whose type a config cannot hold.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigMisuseAnalyzer() : CheckpointAnalyzer(Descriptors.ConfigMisuse)
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
        if (!StateAttributes.Has(member, StateAttributeKind.Config))
            return;

        var location = ModelMembers.LocationOf(member);
        if (Writability.Check(member, initAllowed: true) is { } problem && !IsConstructorParameter(member))
        {
            var reason = $"is {problem.What}, so generated FromConfig cannot set it; {problem.Advice}";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConfigMisuse, location, problem.Properties, member.Name, reason));
            return;
        }

        var type = Models.TypeOf(member);
        if (!MemberTypes.IsSupportedConfig(type))
        {
            var reason = $"has type '{type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}', which a config cannot hold; use {MemberTypes.SupportedConfigTypes}";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ConfigMisuse, location, member.Name, reason));
        }
    }

    /// <summary>
    /// A get-only property or readonly field is still set by generated FromConfig when a constructor takes it:
    /// one whose parameters all name config members (as the generator chooses constructors) and one of them
    /// this member.
    /// </summary>
    private static bool IsConstructorParameter(ISymbol member)
    {
        if (member.IsStatic || member is IFieldSymbol { IsConst: true } || member.ContainingType is not { } type)
            return false;
        var configNames = Models.DataMembers(type)
            .Where(m => StateAttributes.Has(m, StateAttributeKind.Config))
            .Select(m => m.Name)
            .ToList();
        return type.InstanceConstructors.Any(constructor =>
            constructor.Parameters.Length > 0
            && constructor.Parameters.All(p => configNames.Any(name => StateTypeRules.ConfigNamesMatch(p.Name, name)))
            && constructor.Parameters.Any(p => StateTypeRules.ConfigNamesMatch(p.Name, member.Name)));
    }
}
