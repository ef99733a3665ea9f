using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0005: a [Param]/[LongTerm]/[ShortTerm] member generated code cannot read or assign (readonly, get-only, init-only, static, const, set-only, indexer), so the generator leaves it out (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotRestorableAnalyzer() : DefinitionAnalyzer(Descriptors.NotRestorable);
