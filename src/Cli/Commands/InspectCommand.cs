using System.CommandLine;
using Checkpoint.Cli.Folders;
using Checkpoint.Cli.Output;
using Checkpoint.Formats;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint inspect FILE|DIR [--json]</c>: what a checkpoint file holds (any format, the same node schema), or what
/// a folder holds (a manager's steps, plain checkpoint files). Only structure is read; arrays stay in the file, so a
/// file of any size is inspected in bounded memory (--json hashes each array in pieces).
/// </summary>
internal sealed class InspectCommand : CliCommand
{
    public override string Name => "inspect";

    public override Command Create(CliConsole console)
    {
        var path = new Argument<string>("FILE|DIR")
        {
            Description = "A checkpoint file (.msgpack, .npz, .npy, .safetensors; other names by content), or a folder: the steps of a checkpoint manager directory, or the checkpoint files in it.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Machine-readable output: the node schema of tests/Fixtures (kind, dtype, shape, nbytes, sha256_le_c_order, values), the same for every format.",
        };
        var command = NewCommand(
            "Show the tree of a checkpoint file (path, kind, dtype, shape, bytes, first values), or the steps and files of a folder.",
            (parsed, cancellationToken) => Run(console.Output, parsed.GetValue(path)!, parsed.GetValue(json), cancellationToken));
        command.Arguments.Add(path);
        command.Options.Add(json);
        return command;
    }

    private static int Run(TextWriter output, string path, bool json, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            var folder = FolderView.Read(path, cancellationToken);
            if (json)
            {
                using var document = new JsonOutput(output);
                folder.WriteJson(document);
            }
            else
            {
                folder.WriteText(output);
            }

            return ExitCodes.Ok;
        }

        using var file = CheckpointFormats.Open(path, cancellationToken: cancellationToken);
        var name = Path.GetFileName(file.FullPath);
        var size = new FileInfo(file.FullPath).Length;
        var format = file.Format.ToString().ToLowerInvariant();
        if (json)
        {
            using var document = new JsonOutput(output);
            new JsonTreeWriter(document, cancellationToken).WriteDocument(name, format, size, file.Metadata, file.Root);
            return ExitCodes.Ok;
        }

        TextTreeWriter.Write(output, $"{TerminalText.Escape(name)} ({format}, {Sizes.Format(size)})", file.Root, cancellationToken);
        if (file.Metadata is { Count: > 0 } metadata)
            output.WriteLine("metadata: " + string.Join(" ", metadata.Select(m => $"{TerminalText.Escape(m.Key)}={TerminalText.Quote(m.Value)}")));
        return ExitCodes.Ok;
    }
}
