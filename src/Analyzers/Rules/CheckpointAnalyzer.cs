using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Rules;

/// <summary>
/// The shape every Checkpoint analyzer shares: one diagnostic, no analysis of generated code (the generator's
/// output is correct by construction), concurrent execution. Subclasses register their own actions.
/// </summary>
public abstract class CheckpointAnalyzer : DiagnosticAnalyzer
{
    private protected CheckpointAnalyzer(DiagnosticDescriptor descriptor) =>
        SupportedDiagnostics = ImmutableArray.Create(descriptor);

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    /// <summary>Registers the analyzer's actions.</summary>
    private protected abstract void Register(AnalysisContext context);
}
