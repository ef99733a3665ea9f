using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Checkpoint.Generators.Tests.Infrastructure;

/// <summary>
/// Compares text with <c>Snapshots/&lt;name&gt;.verified.cs</c> next to the test sources. On a difference it writes
/// <c>&lt;name&gt;.received.cs</c> beside it and fails with a unified diff. Set
/// <c>CHECKPOINT_ACCEPT_SNAPSHOTS=1</c> to accept the received text as the new verified file instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "CHECKPOINT_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, [CallerMemberName] string name = "", [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath) : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        var message = expected is null
            ? $"No snapshot {verifiedPath}. Wrote {receivedPath}; review it and rename it, or rerun with {AcceptVariable}=1."
            : $"Snapshot {verifiedPath} differs (received text in {receivedPath}; rerun with {AcceptVariable}=1 to accept):\n"
              + UnifiedDiff(expected, actual);
        throw new Xunit.Sdk.XunitException(message);
    }

    /// <summary>A unified-style diff: changed lines with three lines of context, hunks marked by line numbers.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var lines = diff.Lines;
        var text = new StringBuilder("--- verified\n+++ received\n");
        const int context = 3;
        var oldLine = 0;
        var newLine = 0;
        var positions = new (int Old, int New)[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            positions[i] = (oldLine + 1, newLine + 1);
            if (lines[i].Type != ChangeType.Inserted) oldLine++;
            if (lines[i].Type != ChangeType.Deleted) newLine++;
        }

        var i2 = 0;
        while (i2 < lines.Count)
        {
            if (lines[i2].Type == ChangeType.Unchanged) { i2++; continue; }
            var start = Math.Max(0, i2 - context);
            var end = i2;
            // Extend the hunk while changes are within two contexts of each other.
            while (end < lines.Count)
            {
                var next = end;
                while (next < lines.Count && lines[next].Type == ChangeType.Unchanged) next++;
                if (next >= lines.Count || next - end > 2 * context) break;
                end = next + 1;
            }

            var stop = Math.Min(lines.Count, end + context);
            text.Append($"@@ -{positions[start].Old} +{positions[start].New} @@\n");
            for (var k = start; k < stop; k++)
            {
                var prefix = lines[k].Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
                text.Append(prefix).Append(lines[k].Text).Append('\n');
            }

            i2 = stop;
        }

        return text.ToString();
    }
}
