using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Checkpoint.Analyzers.Tests.Verifiers;

/// <summary>
/// The C# analyzer test the language-neutral testing package leaves to the language: C# parse and compilation
/// options plus offline references.
/// </summary>
internal sealed class CSharpAnalyzerTest<TAnalyzer> : AnalyzerTest<DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public CSharpAnalyzerTest()
    {
        ReferenceAssemblies = TestReferences.NoDownload;
        TestState.AdditionalReferences.AddRange(TestReferences.All);
    }

    public override string Language => LanguageNames.CSharp;

    protected override string DefaultFileExt => "cs";

    protected override CompilationOptions CreateCompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new TAnalyzer()];
}
