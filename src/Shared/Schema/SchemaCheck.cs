using System.Collections.Generic;
using Checkpoint.Generators.Model;

namespace Checkpoint.Schema;

/// <summary>
/// A schema file compared with the code: the file read, the code's schema (the models it names included) and the
/// findings. Plain values computed from the model specs and the file's text only, so a result stays valid for as
/// long as both are equal (<c>SchemaCheckCache</c> in the analyzers).
/// </summary>
/// <param name="Document">The schema file, read.</param>
/// <param name="Code">What the code saves.</param>
/// <param name="Findings">What differs.</param>
internal sealed record SchemaCheck(SchemaDocument Document, CodeSchema Code, IReadOnlyList<SchemaFinding> Findings)
{
    /// <summary>Compares the schema file's <paramref name="text"/> with the models of <paramref name="specs"/>.</summary>
    public static SchemaCheck Run(IReadOnlyList<ModelSpec> specs, string text)
    {
        var document = SchemaText.Parse(text);
        var named = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var line in document.Lines) named.Add(line.Line.Model);
        var code = CodeSchema.From(specs, named);
        return new SchemaCheck(document, code, SchemaComparison.Compare(document.Lines, code.Entries, code.Open));
    }
}
