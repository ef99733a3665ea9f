using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers;

/// <summary>
/// The shape every Checkpoint analyzer shares: one diagnostic, no analysis of generated code (the generator's
/// output is correct by construction), concurrent execution, and nothing at all for a compilation that does not
/// reference the Checkpoint runtime. The runtime's symbols are resolved once per compilation, on first use by an
/// action (<see cref="ModelAnalysis"/>).
/// </summary>
public abstract class CheckpointAnalyzer : DiagnosticAnalyzer
{
    private protected CheckpointAnalyzer(DiagnosticDescriptor descriptor)
    {
        Descriptor = descriptor;
        SupportedDiagnostics = ImmutableArray.Create(descriptor);
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The one diagnostic this analyzer reports.</summary>
    private protected DiagnosticDescriptor Descriptor { get; }

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ModelAnalysis.For(start.Compilation) is { } analysis)
                Register(start, analysis);
        });
    }

    /// <summary>Registers the analyzer's actions for a compilation that references the runtime.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext context, ModelAnalysis analysis);
}
