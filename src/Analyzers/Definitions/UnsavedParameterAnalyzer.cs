using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0001: a learnable-looking field or auto-property of a model that is neither state nor [NotState] (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsavedParameterAnalyzer() : DefinitionAnalyzer(Descriptors.UnsavedParameter);
