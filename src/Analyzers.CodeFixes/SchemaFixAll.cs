using Checkpoint.Analyzers.Schema;
using Checkpoint.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>
/// Fix All of the schema fixes: for each project in scope, compares the code with <c>CheckpointSchema.txt</c> the
/// way the analyzer does (same specs, same comparison) and writes the file with every finding of the fixed rules
/// accepted. Whatever the scope (document, project, solution), a project's schema is one file and is written whole.
/// </summary>
internal sealed class SchemaFixAll : FixAllProvider
{
    public static readonly SchemaFixAll Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var ids = fixAllContext.DiagnosticIds.ToImmutableHashSet();
        var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects.ToList() : [fixAllContext.Project];
        return Task.FromResult<CodeAction?>(CodeAction.Create(
            $"Write {SchemaText.FileName}",
            async cancellationToken =>
            {
                var solution = fixAllContext.Solution;
                foreach (var project in projects)
                    solution = await WriteAsync(solution, project.Id, ids, cancellationToken).ConfigureAwait(false);
                return solution;
            },
            fixAllContext.CodeActionEquivalenceKey));
    }

    private static async Task<Solution> WriteAsync(Solution solution, ProjectId projectId, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var project = solution.GetProject(projectId);
        if (project is null || SchemaFiles.Find(project.AdditionalDocuments, d => d.FilePath ?? d.Name) is not { } file) return solution;
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || ModelAnalysis.For(compilation)?.Models(cancellationToken) is not { } models) return solution;
        var text = await file.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var check = SchemaCheck.Run(models.Specs, text.ToString());
        if (check.Document.Errors.Count > 0) return solution;
        var edits = check.Findings.Where(f => ids.Contains(SchemaRules.Of(f.Kind).Id)).Select(SchemaUpdate.Accept).ToList();
        return edits.Count == 0 ? solution : SchemaFileFix.Write(solution, file.Id, check.Document, edits);
    }
}
