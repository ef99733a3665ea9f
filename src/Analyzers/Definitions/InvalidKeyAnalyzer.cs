using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0011: a state attribute's Name or FormerNames entry that is empty or contains a dot (src/Shared/Collecting/MemberChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidKeyAnalyzer() : DefinitionAnalyzer(Descriptors.InvalidKey);
