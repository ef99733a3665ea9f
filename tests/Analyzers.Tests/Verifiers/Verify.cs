using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Checkpoint.Analyzers.Tests.Verifiers;

/// <summary>Short entry points: analyze markup source, or apply a fix and compare with the expected source.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The usings every test source starts with, so the snippets stay about the case under test.</summary>
    public const string Usings = "using System.Collections.Generic;\nusing Checkpoint;\n";

    public static Task AnalyzeAsync(string source, params DiagnosticResult[] expected) => AnalyzeAsync([source], expected);

    public static async Task AnalyzeAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer>();
        foreach (var source in sources)
            test.TestState.Sources.Add(Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static Task FixAsync<TCodeFix>(string source, string fixedSource, int codeActionIndex = 0, string? equivalenceKey = null)
        where TCodeFix : CodeFixProvider, new() =>
        FixAsync<TCodeFix>([source], [fixedSource], codeActionIndex, equivalenceKey);

    public static async Task FixAsync<TCodeFix>(string[] sources, string[] fixedSources, int codeActionIndex = 0, string? equivalenceKey = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix>
        {
            CodeActionIndex = codeActionIndex,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        foreach (var source in sources)
            test.TestState.Sources.Add(Usings + source);
        foreach (var source in fixedSources)
            test.FixedState.Sources.Add(Usings + source);
        await test.RunAsync();
    }
}
