using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0017: [ShortTerm(Fill = v)] on a member whose element type cannot hold v exactly; the generator leaves it out of ResetState (src/Shared/Collecting/Resets.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FillAnalyzer() : DefinitionAnalyzer(Descriptors.FillDoesNotFit);
