using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources in memory and runs the state generator over them.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net80.References.All,
        MetadataReference.CreateFromFile(typeof(IStateful).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        // The platform's tensor package, as a user's project gets it through the runtime's dependency.
        MetadataReference.CreateFromFile(NumericsTensorsNet80),
    ];

    /// <summary>The path of the net8.0 build of System.Numerics.Tensors (recorded by the project file).</summary>
    public static string NumericsTensorsNet80 =>
        typeof(GeneratorHarness).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NumericsTensorsNet80").Value!;

    /// <summary>A compilation of the given sources against .NET 8 and the Checkpoint runtime.</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestModels",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver for the state generator that records its incremental steps.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new StateGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public static GeneratorOutput Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException("The generator threw.", result.Exception);
        var files = result.GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .ToArray();
        return new GeneratorOutput(files, generatorDiagnostics, updated);
    }
}

/// <summary>One generated file.</summary>
internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(
    IReadOnlyList<GeneratedFile> Files,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    Compilation Compilation)
{
    /// <summary>The generated file with this hint name.</summary>
    public GeneratedFile File(string hintName) =>
        Files.SingleOrDefault(f => f.HintName == hintName)
        ?? throw new Xunit.Sdk.XunitException(
            $"No generated file '{hintName}'; generated: {string.Join(", ", Files.Select(f => f.HintName))}");

    /// <summary>
    /// Fails unless the generator reported nothing and the whole compilation (user sources plus generated
    /// files) has no error, and the generated files have no warning either (users build with warnings as errors).
    /// </summary>
    public GeneratorOutput AssertCompiles()
    {
        Assert.Empty(GeneratorDiagnostics);
        var problems = Compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && IsGenerated(d.Location.SourceTree)))
            .ToArray();
        if (problems.Length > 0)
        {
            var listing = string.Join(Environment.NewLine, problems.Select(d => d.ToString()));
            var sources = string.Join(Environment.NewLine, Files.Select(f => $"// ----- {f.HintName}{Environment.NewLine}{f.Text}"));
            throw new Xunit.Sdk.XunitException($"The generated code does not compile cleanly:{Environment.NewLine}{listing}{Environment.NewLine}{sources}");
        }

        return this;
    }

    private static bool IsGenerated(SyntaxTree? tree) => tree is not null && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);

    /// <summary>All generated files as one text, each preceded by a comment naming it, in hint-name order.</summary>
    public string Combined() =>
        string.Join("\n", Files.OrderBy(f => f.HintName, StringComparer.Ordinal).Select(f => $"//----- {f.HintName}\n{f.Text}"));
}
