using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0012: <c>[ShortTerm(Initializer = "X")]</c> where X is not a parameterless instance method of the model
/// (or a base) returning a value assignable to the member.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InitializerAnalyzer() : CheckpointAnalyzer(Descriptors.InvalidInitializer)
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
            if (kind != StateAttributeKind.ShortTerm || StateAttributes.NamedString(attribute, "Initializer") is not { } initializer)
                continue;
            var memberType = Models.TypeOf(member);
            if (Problem(context.Compilation, member.ContainingType, initializer, memberType) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InvalidInitializer,
                    ModelMembers.LocationOf(attribute, member),
                    member.Name,
                    initializer,
                    memberType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    problem));
            }
        }
    }

    /// <summary>Null when a usable method exists; otherwise why the closest candidate does not fit.</summary>
    private static string? Problem(Compilation compilation, INamedTypeSymbol model, string name, ITypeSymbol memberType)
    {
        string? firstProblem = null;
        for (var type = model; type is not null; type = type.BaseType)
        {
            foreach (var candidate in type.GetMembers(name))
            {
                var problem = candidate switch
                {
                    not IMethodSymbol { MethodKind: MethodKind.Ordinary } => $"'{name}' is not a method",
                    IMethodSymbol { IsStatic: true } => $"'{name}' is static",
                    IMethodSymbol { Parameters.Length: > 0 } or IMethodSymbol { IsGenericMethod: true } => $"'{name}' takes parameters",
                    IMethodSymbol method when !compilation.ClassifyCommonConversion(method.ReturnType, memberType).IsImplicit =>
                        $"'{name}' returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'",
                    _ => null,
                };
                if (problem is null)
                    return null;
                firstProblem ??= problem;
            }
        }
        return firstProblem ?? $"no member named '{name}' was found in '{model.Name}'";
    }
}
