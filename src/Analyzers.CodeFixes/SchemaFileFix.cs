using System.Composition;
using System.Globalization;
using Checkpoint.Analyzers.Schema;
using Checkpoint.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Checkpoint.Analyzers.CodeFixes;

/// <summary>
/// CKPT0018, CKPT0019, CKPT0020: accepts what the code saves now in <c>CheckpointSchema.txt</c> (removes a gone
/// line, rewrites a changed one, adds an unlisted one), writing the file sorted through the one schema writer. Fix
/// All compares the project's code with the file again and accepts every finding of the rule it was started from,
/// so Fix All on CKPT0020 writes a new project's whole schema and never accepts a breaking change by the way.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SchemaFileFix))]
[Shared]
public sealed class SchemaFileFix : CodeFixProvider
{
    private const string EquivalenceKey = "CheckpointSchema";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.SchemaPathGone.Id, Descriptors.SchemaPathChanged.Id, Descriptors.SchemaPathUnlisted.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => SchemaFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.Document.Project;
        if (SchemaFiles.Find(project.AdditionalDocuments, d => d.FilePath ?? d.Name) is not { } file) return;
        var text = await file.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        var document = SchemaText.Parse(text.ToString());
        // Rewriting a file with unreadable lines would drop them: those are fixed by hand first (CKPT0021).
        if (document.Errors.Count > 0) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Edit(diagnostic) is not { } edit) continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title(diagnostic, edit), _ => Task.FromResult(Write(project.Solution, file.Id, document, [edit])), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The new text of the schema file after <paramref name="edits"/>.</summary>
    internal static Solution Write(Solution solution, DocumentId file, SchemaDocument document, IReadOnlyList<(int Remove, SchemaLine? Add)> edits)
    {
        var remove = new HashSet<int>(edits.Where(e => e.Remove > 0).Select(e => e.Remove));
        var add = edits.Select(e => e.Add).OfType<SchemaLine>();
        return solution.WithAdditionalDocumentText(file, SourceText.From(SchemaUpdate.Apply(document, remove, add)));
    }

    private static (int Remove, SchemaLine? Add)? Edit(Diagnostic diagnostic)
    {
        var remove = diagnostic.Properties.TryGetValue(SchemaProperties.RemoveLine, out var number)
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : 0;
        SchemaLine? add = null;
        if (diagnostic.Properties.TryGetValue(SchemaProperties.AddLine, out var written) && written is not null)
        {
            if (!SchemaText.TryParseLine(written, out var parsed, out _)) return null;
            add = parsed;
        }

        return remove > 0 || add is not null ? (remove, add) : null;
    }

    private static string Title(Diagnostic diagnostic, (int Remove, SchemaLine? Add) edit) => edit switch
    {
        (_, { } line) when edit.Remove > 0 => $"Accept the change: write '{line}' in {SchemaText.FileName}",
        (_, { } line) => $"Add '{line}' to {SchemaText.FileName}",
        _ => $"Accept that old checkpoints lose it: remove line {edit.Remove.ToString(CultureInfo.InvariantCulture)} of {SchemaText.FileName}",
    };
}
