using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0006: a state member whose type the generator cannot save, so it leaves the member out (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedStateTypeAnalyzer() : DefinitionAnalyzer(Descriptors.UnsupportedStateType);
