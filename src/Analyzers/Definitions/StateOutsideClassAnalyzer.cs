using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0014: a state or config attribute on a member of a struct, record struct, interface or enum, which the generator ignores (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateOutsideClassAnalyzer() : DefinitionAnalyzer(Descriptors.StateOutsideClass);
