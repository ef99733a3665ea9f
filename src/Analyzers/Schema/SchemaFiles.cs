using Checkpoint.Schema;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Schema;

/// <summary>Finds a project's schema file among its additional files, and places diagnostics on its lines.</summary>
internal static class SchemaFiles
{
    /// <summary>The one additional file named <c>CheckpointSchema.txt</c> (any case), or null.</summary>
    public static T? Find<T>(IEnumerable<T> files, Func<T, string?> path)
        where T : class =>
        files.FirstOrDefault(file => string.Equals(System.IO.Path.GetFileName(path(file)), SchemaText.FileName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The location of line <paramref name="lineNumber"/> (from 1) of the file; the file's start when there is no such line.</summary>
    public static Location LineLocation(string path, Microsoft.CodeAnalysis.Text.SourceText text, int lineNumber)
    {
        var span = lineNumber >= 1 && lineNumber <= text.Lines.Count ? text.Lines[lineNumber - 1].Span : default;
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }
}
