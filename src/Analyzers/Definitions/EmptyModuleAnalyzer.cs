using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0013: a [Module] class with no state, no config and no children, here or in its bases (src/Shared/Collecting/ModelChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyModuleAnalyzer() : DefinitionAnalyzer(Descriptors.EmptyModule);
