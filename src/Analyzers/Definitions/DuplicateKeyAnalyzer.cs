using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0010: two state members or children of one model (inherited ones included) saved under one key, reported at the later member when the model declares it (src/Shared/Collecting/ModelChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateKeyAnalyzer() : DefinitionAnalyzer(Descriptors.DuplicateKey);
