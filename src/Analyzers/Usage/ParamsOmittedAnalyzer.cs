using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Usage;

/// <summary>
/// CKPT0003: a save, export or ToStateDict whose constant kinds exclude Param. Kinds that include ShortTerm are
/// left to CKPT0002, whose fix (StateKinds.Persistent) also brings the parameters back.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParamsOmittedAnalyzer() : UsageAnalyzer(Descriptors.ParamsOmitted)
{
    /// <inheritdoc />
    private protected override bool IsProblem(int kinds) => (kinds & SaveCalls.Param) == 0 && (kinds & SaveCalls.ShortTerm) == 0;
}
