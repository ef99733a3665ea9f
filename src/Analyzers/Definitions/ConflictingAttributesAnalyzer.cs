using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0007: two of [Param], [LongTerm], [ShortTerm], [Config] on one member, or [NotState] with any of them; reported at the second attribute, in any type (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConflictingAttributesAnalyzer() : DefinitionAnalyzer(Descriptors.ConflictingAttributes);
