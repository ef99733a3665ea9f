using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>
/// The shape the syntax-rewriting Checkpoint fixes share: the ids they fix, Fix All through the batch fixer,
/// and one call per diagnostic with the document's syntax root.
/// </summary>
public abstract class CheckpointCodeFix : CodeFixProvider
{
    private protected CheckpointCodeFix(params DiagnosticDescriptor[] fixable) =>
        FixableDiagnosticIds = fixable.Select(d => d.Id).ToImmutableArray();

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
            RegisterFixes(context, root, diagnostic);
    }

    /// <summary>Registers the code actions for one diagnostic (none when it cannot be fixed mechanically).</summary>
    private protected abstract void RegisterFixes(CodeFixContext context, SyntaxNode root, Diagnostic diagnostic);
}
