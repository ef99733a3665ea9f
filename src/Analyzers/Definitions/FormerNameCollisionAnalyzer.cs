using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>CKPT0015: a FormerNames entry equal to the current key of another state member or child of the model (src/Shared/Collecting/ModelChecks.cs).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FormerNameCollisionAnalyzer() : DefinitionAnalyzer(Descriptors.FormerNameCollision);
