using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0008: a [Config] member generated config code cannot read or set, or whose type a config cannot hold (src/Shared/Collecting/ConfigCollector.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigMisuseAnalyzer() : DefinitionAnalyzer(Descriptors.ConfigMisuse);
