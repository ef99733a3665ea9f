using System.Composition;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>
/// CKPT0005 and CKPT0008: makes a state or config member assignable by generated code: removes <c>readonly</c>,
/// removes <c>static</c>, adds <c>set;</c> to a get-only auto-property, or turns <c>init</c> into <c>set</c>. The analyzer says which in the
/// diagnostic's "Fix" property; members with no mechanical fix (constants, computed properties) get none.
/// All three share one equivalence key, so Fix All makes every reported member writable whatever it needs.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeWritableFix))]
[Shared]
public sealed class MakeWritableFix() : CheckpointCodeFix(Descriptors.NotRestorable, Descriptors.ConfigMisuse)
{
    /// <inheritdoc />
    private protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(WritabilityProblem.FixProperty, out var fix) || fix is null)
            return;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (SyntaxEdits.MemberDeclaration(node) is not { } member)
            return;
        MemberDeclarationSyntax? updated = fix switch
        {
            WritabilityProblem.RemoveReadonly => SyntaxEdits.RemoveModifier(member, SyntaxKind.ReadOnlyKeyword),
            WritabilityProblem.RemoveStatic => SyntaxEdits.RemoveModifier(member, SyntaxKind.StaticKeyword),
            WritabilityProblem.AddSetter when member is PropertyDeclarationSyntax property => AddSetter(property),
            WritabilityProblem.InitToSet when member is PropertyDeclarationSyntax property => InitToSet(property),
            _ => null,
        };
        if (updated is null)
            return;
        var title = fix switch
        {
            WritabilityProblem.RemoveReadonly => "Remove 'readonly'",
            WritabilityProblem.RemoveStatic => "Remove 'static'",
            WritabilityProblem.InitToSet => "Replace 'init' with 'set'",
            _ => "Add 'set;'",
        };
        context.RegisterCodeFix(
            CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(member, updated))), diagnostic.Id + ".MakeWritable"),
            diagnostic);
    }

    private static PropertyDeclarationSyntax? InitToSet(PropertyDeclarationSyntax property)
    {
        var init = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.InitAccessorDeclaration));
        if (init is null)
            return null;
        var setter = SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration, init.AttributeLists, init.Modifiers,
                SyntaxFactory.Token(SyntaxKind.SetKeyword).WithTriviaFrom(init.Keyword), init.Body, init.ExpressionBody, init.SemicolonToken);
        return property.ReplaceNode(init, setter);
    }

    private static PropertyDeclarationSyntax? AddSetter(PropertyDeclarationSyntax property)
    {
        if (property.AccessorList is not { } accessors)
            return null;
        var getter = accessors.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
        if (getter is null)
            return null;
        var setter = SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration)
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithTrailingTrivia(getter.GetTrailingTrivia());
        return property.WithAccessorList(accessors.WithAccessors(accessors.Accessors.Insert(accessors.Accessors.IndexOf(getter) + 1, setter)));
    }
}
