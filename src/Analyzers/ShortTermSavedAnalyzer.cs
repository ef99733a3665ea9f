using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Checkpoint.Analyzers;

/// <summary>CKPT0002: a save, export or ToStateDict whose constant kinds include ShortTerm.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShortTermSavedAnalyzer() : CheckpointAnalyzer(Descriptors.ShortTermSaved)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterOperationAction(AnalyzeSave, SaveCalls.OperationKinds);
    }

    private static void AnalyzeSave(OperationAnalysisContext context)
    {
        if (SaveCalls.TryAnalyze(context.Operation, out var call) && (call.Kinds & SaveCalls.ShortTerm) != 0)
            context.ReportDiagnostic(SaveCalls.CreateDiagnostic(Descriptors.ShortTermSaved, call));
    }
}
