using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Checkpoint.Analyzers;

/// <summary>
/// CKPT0003: a save, export or ToStateDict whose constant kinds exclude Param. Kinds that include ShortTerm are
/// left to CKPT0002, whose fix (StateKinds.Persistent) also brings the parameters back.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParamsOmittedAnalyzer() : CheckpointAnalyzer(Descriptors.ParamsOmitted)
{
    /// <inheritdoc />
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterOperationAction(AnalyzeSave, SaveCalls.OperationKinds);
    }

    private static void AnalyzeSave(OperationAnalysisContext context)
    {
        if (SaveCalls.TryAnalyze(context.Operation, out var call)
            && (call.Kinds & SaveCalls.Param) == 0
            && (call.Kinds & SaveCalls.ShortTerm) == 0)
        {
            context.ReportDiagnostic(SaveCalls.CreateDiagnostic(Descriptors.ParamsOmitted, call));
        }
    }
}
