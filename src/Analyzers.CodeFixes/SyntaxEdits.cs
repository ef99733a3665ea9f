using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>Small syntax edits shared by the fixes: modifiers, and Checkpoint names that simplify to what is in scope.</summary>
internal static class SyntaxEdits
{
    /// <summary>
    /// <c>global::Checkpoint.X</c>, annotated so the simplifier shortens it to <c>X</c> when <c>using Checkpoint;</c>
    /// is in scope and keeps it qualified otherwise.
    /// </summary>
    public static NameSyntax CheckpointName(string name) =>
        SyntaxFactory.ParseName("global::Checkpoint." + name).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>global::Checkpoint.StateKinds.Member</c>, simplified like <see cref="CheckpointName"/>.</summary>
    public static ExpressionSyntax StateKinds(string member) =>
        SyntaxFactory.ParseExpression("global::Checkpoint.StateKinds." + member).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>The field or property declaration a diagnostic at a member's name points into.</summary>
    public static MemberDeclarationSyntax? MemberDeclaration(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(n => n is FieldDeclarationSyntax or PropertyDeclarationSyntax) as MemberDeclarationSyntax;

    /// <summary>Removes a modifier, handing its leading trivia (indentation, comments) to whatever follows it.</summary>
    public static MemberDeclarationSyntax RemoveModifier(MemberDeclarationSyntax member, SyntaxKind kind)
    {
        var modifiers = member.Modifiers;
        var index = modifiers.IndexOf(kind);
        if (index < 0)
            return member;
        var removed = modifiers[index];
        var updated = member.WithModifiers(modifiers.RemoveAt(index));
        if (index > 0)
            return updated;
        // The removed modifier started the declaration (after attributes): its trivia moves to the next token.
        var next = updated.Modifiers.Count > 0 ? updated.Modifiers[0] : FirstTokenAfterModifiers(updated);
        return updated.ReplaceToken(next, next.WithLeadingTrivia(removed.LeadingTrivia));
    }

    /// <summary>Adds <c>partial</c> as the last modifier (right before <c>class</c>), as the language requires.</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            return declaration;
        if (declaration.Modifiers.Count > 0)
            return declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        var keyword = declaration.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(SyntaxFactory.TokenList(partial));
    }

    /// <summary>
    /// Puts an attribute list on its own line above the member (after any existing lists), keeping blank lines
    /// and comments above the member where they were.
    /// </summary>
    public static MemberDeclarationSyntax AddAttributeList(MemberDeclarationSyntax member, AttributeListSyntax list)
    {
        if (member.AttributeLists.Count > 0)
        {
            // After the last list, on the same line or the next as that list ends.
            var last = member.AttributeLists[member.AttributeLists.Count - 1];
            var following = last.GetLastToken().GetNextToken();
            var placed = list.WithLeadingTrivia(Indentation(following.LeadingTrivia)).WithTrailingTrivia(last.GetTrailingTrivia());
            return member.WithAttributeLists(member.AttributeLists.Add(placed));
        }
        var leading = member.GetLeadingTrivia();
        var indentation = Indentation(leading);
        var newLine = SyntaxFactory.EndOfLine(DetectNewLine(member));
        var withList = member.WithoutLeadingTrivia().WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(newLine)));
        var first = withList.Modifiers.Count > 0 ? withList.Modifiers[0] : FirstTokenAfterModifiers(withList);
        return withList.ReplaceToken(first, first.WithLeadingTrivia(indentation));
    }

    /// <summary>The whitespace after the last line break of some leading trivia: the line's indentation.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var result = new List<SyntaxTrivia>();
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
            result.Insert(0, leading[i]);
        return SyntaxFactory.TriviaList(result);
    }

    private static string DetectNewLine(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText().ToString();
        return text.Contains("\r\n") ? "\r\n" : "\n";
    }

    private static SyntaxToken FirstTokenAfterModifiers(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Type.GetFirstToken(),
        PropertyDeclarationSyntax property => property.Type.GetFirstToken(),
        _ => member.GetFirstToken(),
    };
}
