using Checkpoint.Analyzers.CodeFixes;
using Checkpoint.Analyzers.Schema;
using Checkpoint.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>Runs the schema analyzer (and its fix) on sources plus a <c>CheckpointSchema.txt</c> additional file.</summary>
internal static class SchemaVerify
{
    public const string File = "CheckpointSchema.txt";

    public static async Task AnalyzeAsync(string source, string? schema, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<SchemaAnalyzer>();
        test.TestState.Sources.Add(Verify<SchemaAnalyzer>.Usings + source);
        if (schema is not null) test.TestState.AdditionalFiles.Add((File, schema));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task FixAsync(string source, string schema, string fixedSchema, DiagnosticResult[] expected, int iterations = 1)
    {
        var test = new CSharpCodeFixTest<SchemaAnalyzer, SchemaFileFix>
        {
            NumberOfIncrementalIterations = iterations,
            NumberOfFixAllIterations = 1,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
        };
        test.TestState.Sources.Add(Verify<SchemaAnalyzer>.Usings + source);
        test.TestState.AdditionalFiles.Add((File, schema));
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.Sources.Add(Verify<SchemaAnalyzer>.Usings + source);
        test.FixedState.AdditionalFiles.Add((File, fixedSchema));
        // After the fix the file agrees with the code: nothing is reported.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    /// <summary>A diagnostic at a line and column of the source (1-based, counted after the usings the verifier adds).</summary>
    public static DiagnosticResult At(string id, int line, int column) =>
        new DiagnosticResult(id, id == "CKPT0020" ? Microsoft.CodeAnalysis.DiagnosticSeverity.Info : Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation("/0/Test0.cs", line + UsingLines, column)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>A diagnostic on a line of the schema file.</summary>
    public static DiagnosticResult OnSchemaLine(string id, int line, int length) =>
        new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(File, line, 1, line, 1 + length);

    private static readonly int UsingLines = Verify<SchemaAnalyzer>.Usings.Count(c => c == '\n');
}
