using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0012: [ShortTerm(Initializer = "X")] where X is not a parameterless instance method of the model (or an accessible one of a base) returning a value assignable to the member (src/Shared/Collecting/Resets.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InitializerAnalyzer() : DefinitionAnalyzer(Descriptors.InvalidInitializer);
