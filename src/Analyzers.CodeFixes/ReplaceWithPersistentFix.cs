using System.Composition;
using Checkpoint.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>CKPT0002: replaces the kinds of a save with <c>StateKinds.Persistent</c> (or passes it when the kinds were defaulted).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceWithPersistentFix))]
[Shared]
public sealed class ReplaceWithPersistentFix() : CheckpointCodeFix(Descriptors.ShortTermSaved)
{
    private const string Title = "Save StateKinds.Persistent";

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
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
            return;
        var (from, to) = (target, replacement);
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(from, to))), "CKPT0002.Persistent"),
            diagnostic);
    }
}
