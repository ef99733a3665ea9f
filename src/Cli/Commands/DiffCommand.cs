using System.CommandLine;
using Checkpoint.Cli.Diffing;
using Checkpoint.Cli.Output;
using Checkpoint.Formats;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint diff A B [--json]</c>: the paths added, removed and changed between two checkpoints of any formats,
/// arrays compared element by element in pieces. Exit code 0 when equal, 1 when they differ (or a file is bad).
/// </summary>
internal sealed class DiffCommand : CliCommand
{
    public override string Name => "diff";

    public override Command Create(CliConsole console)
    {
        var a = new Argument<string>("A") { Description = "The first checkpoint (any format)." };
        var b = new Argument<string>("B") { Description = "The second checkpoint (any format; msgpack against npz works)." };
        var json = new Option<bool>("--json") { Description = "Machine-readable output: added, removed and changed paths with kinds, dtypes, shapes and element differences." };
        var command = NewCommand(
            "Compare two checkpoints: paths added and removed, and changed ones (kind, dtype, shape; for equal shapes the number of differing elements " +
            "and the largest absolute difference; numbers and strings by value).",
            (parsed, cancellationToken) => Run(console.Output, parsed.GetValue(a)!, parsed.GetValue(b)!, parsed.GetValue(json), cancellationToken));
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        command.Options.Add(json);
        return command;
    }

    private static int Run(TextWriter output, string pathA, string pathB, bool json, CancellationToken cancellationToken)
    {
        using var fileA = CheckpointFormats.Open(pathA, cancellationToken: cancellationToken);
        using var fileB = CheckpointFormats.Open(pathB, cancellationToken: cancellationToken);
        var diff = TreeDiff.Compare(fileA.Root, fileB.Root, cancellationToken);
        if (json)
        {
            using var document = new JsonOutput(output);
            DiffJson.Write(document, pathA, pathB, diff);
        }
        else
        {
            DiffText.Write(output, pathA, pathB, diff);
        }

        return diff.AreEqual ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
