using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Usage;

/// <summary>
/// An analyzer of how models are used rather than defined: it looks at each save, export or <c>ToStateDict</c>
/// call (<see cref="SaveCalls"/>) and reports when its constant kinds are wrong.
/// </summary>
public abstract class UsageAnalyzer : CheckpointAnalyzer
{
    private protected UsageAnalyzer(DiagnosticDescriptor descriptor)
        : base(descriptor)
    {
    }

    /// <inheritdoc />
    private protected sealed override void Register(CompilationStartAnalysisContext context, ModelAnalysis analysis)
    {
        // The symbols are read in the action, not here: resolving them at compilation start would make this
        // analyzer build the compilation's declarations before the compiler does (ModelAnalysis).
        context.RegisterOperationAction(operation =>
        {
            if (analysis.Symbols is not { StateKinds: not null } symbols) return;
            if (SaveCalls.TryAnalyze(operation.Operation, symbols, out var call) && IsProblem(call.Kinds))
                operation.ReportDiagnostic(SaveCalls.CreateDiagnostic(Descriptor, call));
        }, SaveCalls.OperationKinds);
    }

    /// <summary>Whether a save of these kinds (StateKinds flags) deserves this analyzer's diagnostic.</summary>
    private protected abstract bool IsProblem(int kinds);
}
