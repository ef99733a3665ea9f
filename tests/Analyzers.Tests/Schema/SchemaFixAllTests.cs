using Checkpoint.Analyzers.CodeFixes;
using Checkpoint.Analyzers.Tests.Verifiers;
using Checkpoint.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>Fix All writes the file for the rule it was started from, and only that rule's findings.</summary>
public class SchemaFixAllTests
{
    private const string Source = """
        using Checkpoint;
        public partial class Net
        {
            [Param] public NdArray<float> Kernel = default!;
            [Param] public double[] Bias = new double[1];
            [LongTerm] public long Step;
        }
        """;

    // Weight is gone (a rename without FormerNames), Bias changed rank, Kernel and Step are not listed.
    private const string Schema = SchemaText.Header + "\nNet: Bias float64 2 array\nNet: Weight float32 * array\n";

    [Fact]
    public async Task Fix_all_of_unlisted_paths_adds_lines_and_accepts_no_breaking_change()
    {
        var written = await FixRulesAsync(Descriptors.SchemaPathUnlisted.Id);
        Assert.Equal(
            SchemaText.Header + "\nNet: Bias float64 2 array\nNet: Kernel float32 * array\nNet: Step int 0 scalar\nNet: Weight float32 * array\n",
            written);
    }

    [Fact]
    public async Task Fix_all_of_gone_paths_removes_only_their_lines()
    {
        var written = await FixRulesAsync(Descriptors.SchemaPathGone.Id);
        Assert.Equal(SchemaText.Header + "\nNet: Bias float64 2 array\n", written);
    }

    [Fact]
    public async Task Fix_all_of_every_rule_writes_what_the_code_saves()
    {
        var written = await FixRulesAsync(Descriptors.SchemaPathGone.Id, Descriptors.SchemaPathChanged.Id, Descriptors.SchemaPathUnlisted.Id);
        Assert.Equal(SchemaText.Header + "\nNet: Bias float64 1 array\nNet: Kernel float32 * array\nNet: Step int 0 scalar\n", written);
    }

    private static Task<string> FixRulesAsync(params string[] ids) => FixAllAsync(Source, Schema, ids);

    internal static async Task<string> FixAllAsync(string source, string schema, params string[] ids)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Sample", "Sample", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: TestReferences.All))
            .AddDocument(DocumentId.CreateNewId(projectId), "Net.cs", SourceText.From(source), filePath: "/project/Net.cs")
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), SchemaText.FileName, SourceText.From(schema), filePath: "/project/" + SchemaText.FileName);
        var project = solution.GetProject(projectId)!;
        var document = project.Documents.Single();
        var fix = new SchemaFileFix();
        var context = new FixAllContext(document, fix, FixAllScope.Project, "CheckpointSchema", ids, new NoDiagnostics(), CancellationToken.None);
        var action = await fix.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var file = changed.GetProject(projectId)!.AdditionalDocuments.Single();
        return (await file.GetTextAsync()).ToString();
    }

    // The schema's Fix All compares the project itself; it asks the IDE for no diagnostics.
    private sealed class NoDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}

/// <summary>The schema Fix All writes for the shared fixture model is the fixture schema file, which the Cli tests check against a real checkpoint.</summary>
public class SchemaFixtureTests
{
    [Fact]
    public async Task Fix_all_on_an_empty_schema_writes_the_fixture_schema()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Schema", "Fixture");
        var source = await File.ReadAllTextAsync(Path.Combine(folder, "FixtureNet.cs"));
        var expected = await File.ReadAllTextAsync(Path.Combine(folder, "FixtureNet.schema.txt"));
        var written = await SchemaFixAllTests.FixAllAsync(source, "", Descriptors.SchemaPathUnlisted.Id);
        Assert.Equal(expected.ReplaceLineEndings("\n"), written);
    }
}
