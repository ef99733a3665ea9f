using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>
/// CKPT0004: adds <c>partial</c> to every declaration the diagnostic lists (the model's and its containing
/// types'), in whichever documents they are.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFix))]
[Shared]
public sealed class MakePartialFix : CodeFixProvider
{
    private const string Title = "Make the model and its containing types partial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.ModelNotPartial.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var locations = diagnostic.AdditionalLocations.Where(l => l.IsInSource).ToImmutableArray();
            if (locations.IsEmpty)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title, token => AddPartialAsync(context.Document.Project.Solution, locations, token), "CKPT0004.Partial"),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Solution> AddPartialAsync(Solution solution, ImmutableArray<Location> locations, CancellationToken cancellationToken)
    {
        foreach (var group in locations.GroupBy(l => l.SourceTree))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
                continue;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                continue;
            var declarations = group
                .Select(l => root.FindToken(l.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault())
                .OfType<TypeDeclarationSyntax>()
                .Distinct()
                .ToList();
            var updated = root.ReplaceNodes(declarations, (_, rewritten) => SyntaxEdits.AddPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(document.Id, updated);
        }
        return solution;
    }
}
