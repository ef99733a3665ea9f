using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0016: a state member whose element type is a type parameter without the <c>unmanaged</c> constraint (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnconstrainedGenericElementAnalyzer() : DefinitionAnalyzer(Descriptors.UnconstrainedGenericElement);
