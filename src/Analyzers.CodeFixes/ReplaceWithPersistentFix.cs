using System.Composition;
using Checkpoint.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>CKPT0002: replaces the kinds of a save with <c>StateKinds.Persistent</c> (or passes it when the kinds were defaulted).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWithPersistentFix))]
[Shared]
public sealed class ReplaceWithPersistentFix : CodeFixProvider
{
    private const string Title = "Save StateKinds.Persistent";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.ShortTermSaved.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? replacement = null;
            SyntaxNode? target = null;
            if (diagnostic.Properties.ContainsKey(SaveCalls.DefaultedProperty))
            {
                if (node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { ArgumentList.Arguments.Count: 0 } invocation)
                {
                    target = invocation.ArgumentList;
                    replacement = invocation.ArgumentList.AddArguments(SyntaxFactory.Argument(SyntaxEdits.StateKinds("Persistent")));
                }
            }
            else if (node is ArgumentSyntax argument)
            {
                target = argument.Expression;
                replacement = SyntaxEdits.StateKinds("Persistent").WithTriviaFrom(argument.Expression);
            }
            else if (node is ExpressionSyntax expression)
            {
                target = expression;
                replacement = SyntaxEdits.StateKinds("Persistent").WithTriviaFrom(expression);
            }
            if (target is null || replacement is null)
                continue;
            var (from, to) = (target, replacement);
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(from, to))), "CKPT0002.Persistent"),
                diagnostic);
        }
    }
}
