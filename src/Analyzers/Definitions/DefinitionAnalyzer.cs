using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>
/// An analyzer of model definitions: reports, for each type, the problems the shared collector filed under its
/// rule. The rules themselves live in the collector (src/Shared/Collecting), which the generator uses too, so a
/// diagnostic here is exactly what the generator skipped or would get wrong.
/// </summary>
public abstract class DefinitionAnalyzer : CheckpointAnalyzer
{
    private protected DefinitionAnalyzer(DiagnosticDescriptor descriptor)
        : base(descriptor)
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// A type is analysed at its symbol end, once the compiler has completed its members (their types and
    /// attributes bound, which it does anyway): a plain symbol action runs as soon as the type is declared and
    /// would bind them first, in the analyzer's time. Types whose syntax shows they cannot have a problem are
    /// skipped at the start (<see cref="ProblemCandidates"/>).
    /// </remarks>
    private protected sealed override void Register(CompilationStartAnalysisContext context, ModelAnalysis analysis) =>
        context.RegisterSymbolStartAction(start =>
        {
            if (ProblemCandidates.MayHaveProblems((INamedTypeSymbol)start.Symbol, start.CancellationToken))
                start.RegisterSymbolEndAction(end => Report(end, analysis));
        }, SymbolKind.NamedType);

    private void Report(SymbolAnalysisContext context, ModelAnalysis analysis)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var problem in analysis.ProblemsOf(type, context.CancellationToken))
        {
            if (problem.RuleId == Descriptor.Id)
                context.ReportDiagnostic(CreateDiagnostic(problem, type, context.CancellationToken));
        }
    }

    /// <summary>The diagnostic of one problem, at the place its site names (the fix, if any, as a property for the code fixes).</summary>
    private protected virtual Diagnostic CreateDiagnostic(Problem problem, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var properties = problem.Fix.Length == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(WritabilityProblem.FixProperty, problem.Fix);
        return Diagnostic.Create(Descriptor, ProblemLocations.Of(problem.Site, type), properties, problem.Arguments.ToArray<object?>());
    }
}
