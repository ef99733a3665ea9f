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
    /// <remarks>Per syntax tree, once the compiler has finished it (<see cref="CandidateTypes"/> says why).</remarks>
    private protected sealed override void Register(CompilationStartAnalysisContext context, ModelAnalysis analysis) =>
        context.RegisterSemanticModelAction(tree =>
        {
            foreach (var type in CandidateTypes.In(tree.SemanticModel, tree.CancellationToken))
                Report(tree, type, analysis);
        });

    private void Report(SemanticModelAnalysisContext context, INamedTypeSymbol type, ModelAnalysis analysis)
    {
        foreach (var problem in analysis.ProblemsOf(type, context.CancellationToken))
        {
            if (problem.RuleId != Descriptor.Id) continue;
            var diagnostic = CreateDiagnostic(problem, type, context.CancellationToken);
            if (CandidateTypes.IsIn(diagnostic, context.SemanticModel)) context.ReportDiagnostic(diagnostic);
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
