using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0009: a model that contains itself through its children, reported at its own child member where the cycle starts (src/Shared/Collecting/ModelChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChildCycleAnalyzer() : DefinitionAnalyzer(Descriptors.ChildCycle);
