using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Usage;

/// <summary>CKPT0002: a save, export or ToStateDict whose constant kinds include ShortTerm.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShortTermSavedAnalyzer() : UsageAnalyzer(Descriptors.ShortTermSaved)
{
    /// <inheritdoc />
    private protected override bool IsProblem(int kinds) => (kinds & SaveCalls.ShortTerm) != 0;
}
