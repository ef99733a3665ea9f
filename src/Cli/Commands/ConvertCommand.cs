using System.CommandLine;
using Checkpoint.Cli.Output;
using Checkpoint.Formats;
using Checkpoint.Storage;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint convert IN OUT</c>: rewrites a checkpoint in the format OUT's extension names. IN is opened lazily and
/// the format's writer streams every array from IN's file in pieces, so no file is ever held whole; OUT is written
/// atomically, so a refusal (a value OUT's format cannot hold, named by its path) or a failure leaves no OUT behind.
/// </summary>
internal sealed class ConvertCommand : CliCommand
{
    public override string Name => "convert";

    public override Command Create(CliConsole console)
    {
        var input = new Argument<string>("IN") { Description = "The checkpoint to read (.msgpack, .npz, .npy, .safetensors; other names by content)." };
        var output = new Argument<string>("OUT") { Description = "The file to write; its extension (.msgpack, .npz, .npy, .safetensors) chooses the format." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace OUT if it exists (atomically: the old file stays until the new one is complete)." };
        var compress = new Option<bool>("--compress") { Description = ".npz only: deflate every member, as np.savez_compressed does." };
        var chunkLimit = new Option<long?>("--chunk-limit")
        {
            Description = ".msgpack only: write arrays larger than this many bytes in braintools' chunked layout (default 1073741824, braintools' own).",
            HelpName = "BYTES",
        };
        var name = new Option<string?>("--name")
        {
            Description = "OUT .npy: the path of the array to write when IN holds several (layers.0.weight). IN .npy: the key of its array in OUT (default: IN's file name without extension).",
            HelpName = "PATH",
        };
        var command = NewCommand(
            "Convert a checkpoint between .msgpack, .npz, .npy (one array) and .safetensors, streaming array data; what OUT's format cannot hold is refused, naming its path.",
            (parsed, cancellationToken) => Run(console, new Request(
                parsed.GetValue(input)!, parsed.GetValue(output)!, parsed.GetValue(overwrite), parsed.GetValue(compress),
                parsed.GetValue(chunkLimit), parsed.GetValue(name)), cancellationToken));
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(overwrite);
        command.Options.Add(compress);
        command.Options.Add(chunkLimit);
        command.Options.Add(name);
        return command;
    }

    private sealed record Request(string Input, string Output, bool Overwrite, bool Compress, long? ChunkLimit, string? Name);

    private int Run(CliConsole console, Request request, CancellationToken cancellationToken)
    {
        var format = CheckFormatAndOptions(request);
        using var source = CheckpointFormats.Open(request.Input, cancellationToken: cancellationToken);
        var target = Path.GetFullPath(request.Output);
        if (string.Equals(source.FullPath, target, StringComparison.Ordinal))
            throw new CliUsageException(Name, $"IN and OUT are the same file ({TerminalText.Escape(target)}); write to another name.");
        if (!request.Overwrite && File.Exists(target))
            throw new CheckpointException($"{target} exists; pass --overwrite to replace it.");

        var root = TreeFor(format, source, request, console.Error);
        var options = new SaveOptions
        {
            Compressed = request.Compress,
            ChunkByteLimit = request.ChunkLimit ?? SaveOptions.Default.ChunkByteLimit,
            Metadata = format == CheckpointFormat.SafeTensors ? source.Metadata : null,
        };
        if (source.Metadata is { Count: > 0 } metadata && format != CheckpointFormat.SafeTensors)
            console.Error.WriteLine($"note: the {metadata.Count} metadata entries of {TerminalText.Escape(request.Input)} (safetensors __metadata__) have no place in {format.Extension()} and are not written");

        if (File.Exists(ChecksumSidecar.PathFor(target)))
        {
            // It describes the file about to be replaced; left, it would call the new file corrupt.
            ChecksumSidecar.Delete(target);
            console.Error.WriteLine($"note: removed {TerminalText.Escape(ChecksumSidecar.PathFor(request.Output))}, which described the replaced file (sha256sum makes a new one)");
        }

        var totals = TreeTotals.Of(root);
        ConsoleProgress.Run(console, $"{Path.GetFileName(request.Input)} -> {Path.GetFileName(target)}", totals.ArrayBytes, progress =>
            CheckpointFormats.Save(target, root, format, request.Overwrite, options with { Progress = progress }, cancellationToken));
        console.Output.WriteLine(
            $"wrote {TerminalText.Escape(request.Output)} ({format.ToString().ToLowerInvariant()}, {Sizes.Format(new FileInfo(target).Length)}; {totals.Describe()})");
        return ExitCodes.Ok;
    }

    private CheckpointFormat CheckFormatAndOptions(Request request)
    {
        var format = CheckpointFormats.FromExtension(request.Output)
            ?? throw new CliUsageException(Name, $"OUT must end in .msgpack, .npz, .npy or .safetensors (the extension chooses the format): {TerminalText.Escape(request.Output)}");
        if (request.Compress && format != CheckpointFormat.Npz)
            throw new CliUsageException(Name, $"--compress is for .npz output; {format.Extension()} files are not compressed.");
        if (request.ChunkLimit is { } limit && (format != CheckpointFormat.MsgPack || limit < 1))
            throw new CliUsageException(Name, format != CheckpointFormat.MsgPack ? "--chunk-limit is for .msgpack output." : "--chunk-limit must be at least 1 byte.");
        return format;
    }

    /// <summary>
    /// The tree to write: IN's tree, except that a .npy OUT takes one array (the only leaf, or the one --name picks) and a
    /// lone array (a .npy IN) is named for formats of named arrays. Every such choice is said on the error stream.
    /// </summary>
    private StateNode TreeFor(CheckpointFormat format, OpenedCheckpoint source, Request request, TextWriter notes)
    {
        var inputName = TerminalText.Escape(request.Input);
        if (format == CheckpointFormat.Npy)
        {
            if (source.Root is not StateDict map) return source.Root;
            if (request.Name is { } path)
            {
                if (!map.TryGetPath(path, out var picked) || picked is StateDict)
                    throw new CheckpointException($"{inputName} has no array at '{TerminalText.Escape(path)}' to write as .npy.");
                return picked;
            }

            var leaves = map.Leaves().Take(2).ToList();
            if (leaves.Count != 1)
                throw new CheckpointException(
                    $"{TerminalText.Escape(request.Output)} is .npy, which holds one array, but {inputName} holds {TreeTotals.Of(map).Leaves} values: pick one with --name PATH, or write .npz.");
            notes.WriteLine($"note: wrote '{TerminalText.Escape(leaves[0].Key)}' as the one array of {TerminalText.Escape(request.Output)} (.npy files hold no names)");
            return leaves[0].Value;
        }

        if (source.Root is StateDict)
        {
            if (request.Name is not null)
                throw new CliUsageException(Name, "--name picks the array of a .npy OUT, or names the array of a .npy IN; neither is the case here.");
            return source.Root;
        }

        var key = request.Name ?? Path.GetFileNameWithoutExtension(source.FullPath);
        notes.WriteLine($"note: the array of {inputName} is written as '{TerminalText.Escape(key)}'");
        var root = new StateDict();
        root.SetPath(key, source.Root);
        return root;
    }
}
