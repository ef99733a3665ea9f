using System.Collections.Immutable;
using Checkpoint.Analyzers.Schema;
using Checkpoint.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>
/// The comparison is computed from the model specs and the file's text alone and reused while both are equal: an
/// edit of a method body or of a class that is not a model does not compute the code's schema again.
/// </summary>
public class SchemaCachingTests
{
    private const string Model = """
        using Checkpoint;
        namespace Demo;
        public partial class Net
        {
            [Param] public NdArray<float> Weight = default!;
            [LongTerm] public long Step;
            public float Run(float x) { return x * 2; }
        }
        """;

    private const string Plain = """
        namespace Demo;
        public static class Maths
        {
            public static float Twice(float x) { return x * 2; }
        }
        """;

    private const string Schema = """
        Net: Bias float32 * array
        Net: Weight float32 * array
        """;

    [Fact]
    public async Task Editing_a_method_body_or_plain_code_reuses_the_comparison()
    {
        var cache = new SchemaCheckCache();
        var compilation = Compile(Model, Plain);
        var first = await AnalyzeAsync(cache, compilation, Schema);
        Assert.Equal(1, cache.Runs);
        Assert.Contains(first, d => d.Id == "CKPT0018");

        var bodyEdited = Replace(compilation, 0, Model.Replace("x * 2", "x * 3 + 1"));
        var plainEdited = Replace(bodyEdited, 1, Plain.Replace("x * 2", "x + x"));
        var again = await AnalyzeAsync(cache, plainEdited, Schema);

        Assert.Equal(1, cache.Runs);
        Assert.Equal(Describe(first), Describe(again));
    }

    [Fact]
    public async Task Changing_a_model_or_the_schema_compares_again()
    {
        var cache = new SchemaCheckCache();
        var compilation = Compile(Model, Plain);
        await AnalyzeAsync(cache, compilation, Schema);

        var retyped = Replace(compilation, 0, Model.Replace("NdArray<float> Weight", "NdArray<System.Half> Weight"));
        var diagnostics = await AnalyzeAsync(cache, retyped, Schema);
        Assert.Equal(2, cache.Runs);
        Assert.Contains(diagnostics, d => d.Id == "CKPT0019");

        await AnalyzeAsync(cache, retyped, Schema + "\nNet: Step int 0 scalar\n");
        Assert.Equal(3, cache.Runs);
    }

    private static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "SchemaCaching",
        sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
        TestReferences.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees[index];
        Assert.NotEqual(old.ToString(), text);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(text)));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(SchemaCheckCache cache, Compilation compilation, string schema)
    {
        var options = new AnalyzerOptions([new SchemaFile("/project/CheckpointSchema.txt", schema)]);
        return await compilation.WithAnalyzers([new SchemaAnalyzer(cache)], options).GetAnalyzerDiagnosticsAsync();
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.GetMessage()}").Order().ToList();

    private sealed class SchemaFile(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
