using System.Collections.Generic;

namespace Checkpoint.Schema;

/// <summary>
/// The edit that accepts findings: lines removed (gone, or replaced) and lines added (unlisted, or the replacements),
/// written back sorted with the header (<see cref="SchemaText.Print"/>). The code fix of one finding and Fix All
/// (every finding of the chosen rules) both write the file through here.
/// </summary>
internal static class SchemaUpdate
{
    /// <summary>
    /// The text of <paramref name="document"/> without the lines numbered in <paramref name="remove"/> and with the
    /// lines of <paramref name="add"/>. Only for a document that read without errors: an unreadable line would be lost.
    /// </summary>
    public static string Apply(SchemaDocument document, ICollection<int> remove, IEnumerable<SchemaLine> add)
    {
        var lines = new List<SchemaLine>();
        foreach (var numbered in document.Lines)
        {
            if (!remove.Contains(numbered.LineNumber)) lines.Add(numbered.Line);
        }

        lines.AddRange(add);
        return SchemaText.Print(lines);
    }

    /// <summary>What accepting <paramref name="finding"/> removes (a line number, or 0) and adds (a line, or null).</summary>
    public static (int Remove, SchemaLine? Add) Accept(SchemaFinding finding) => finding.Kind switch
    {
        SchemaFindingKind.Gone => (finding.Saved!.LineNumber, null),
        SchemaFindingKind.Changed or SchemaFindingKind.Outdated => (finding.Saved!.LineNumber, finding.Proposed),
        SchemaFindingKind.Unlisted => (0, finding.Proposed),
        _ => (0, null),
    };
}
