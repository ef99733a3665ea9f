using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>CKPT0001: marks an unsaved learnable-looking member [Param], [LongTerm], [ShortTerm] or [NotState].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStateAttributeFix))]
[Shared]
public sealed class AddStateAttributeFix() : CheckpointCodeFix(Descriptors.UnsavedParameter)
{
    private static readonly (string Attribute, string Title)[] Choices =
    [
        ("Param", "Mark as [Param] (learnable, saved)"),
        ("LongTerm", "Mark as [LongTerm] (persistent statistics, saved)"),
        ("ShortTerm", "Mark as [ShortTerm] (transient, reset, not saved)"),
        ("NotState", "Mark as [NotState] (deliberately not saved)"),
    ];

    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (SyntaxEdits.MemberDeclaration(node) is not { } member)
            return;
        foreach (var (attribute, title) in Choices)
        {
            context.RegisterCodeFix(
                CodeAction.Create(title, token => AddAttributeAsync(context.Document, member, attribute, token), "CKPT0001.Add" + attribute),
                diagnostic);
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, MemberDeclarationSyntax member, string attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxEdits.CheckpointName(attribute))));
        return document.WithSyntaxRoot(root.ReplaceNode(member, SyntaxEdits.AddAttributeList(member, list)));
    }
}
