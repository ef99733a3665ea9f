using System.Composition;
using Checkpoint.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>CKPT0003: adds <c>| StateKinds.Param</c> to the kinds of a save.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddParamKindFix))]
[Shared]
public sealed class AddParamKindFix() : CheckpointCodeFix(Descriptors.ParamsOmitted)
{
    private const string Title = "Add StateKinds.Param";

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        // Defaulted kinds have no expression to extend; the user picks the kinds explicitly instead.
        if (diagnostic.Properties.ContainsKey(SaveCalls.DefaultedProperty))
            return;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var expression = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
        if (expression is null)
            return;
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(expression, WithParam(expression)))), "CKPT0003.AddParam"),
            diagnostic);
    }

    private static ExpressionSyntax WithParam(ExpressionSyntax kinds)
    {
        // An operand binds tighter than '|' only when it is a primary expression or already an '|' chain.
        var left = kinds.WithoutTrivia() switch
        {
            IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax => kinds.WithoutTrivia(),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression) => kinds.WithoutTrivia(),
            var other => SyntaxFactory.ParenthesizedExpression(other),
        };
        var bar = SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), SyntaxKind.BarToken, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, left, bar, SyntaxEdits.StateKinds("Param"))
            .WithTriviaFrom(kinds);
    }
}
