using System.CommandLine;
using Checkpoint.Cli.Folders;
using Checkpoint.Cli.Output;
using Checkpoint.Management;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint verify FILE|DIR</c>: for a manager directory, every step's manifest, sizes and checksums; for a plain
/// file (or each checkpoint file of a folder), that its structure parses and, when <c>FILE.sha256</c> exists, that the
/// file matches it. Exit code 0 when everything is intact, 1 otherwise (also when a folder holds no checkpoint).
/// </summary>
internal sealed class VerifyCommand : CliCommand
{
    public override string Name => "verify";

    public override Command Create(CliConsole console)
    {
        var path = new Argument<string>("FILE|DIR")
        {
            Description = "A checkpoint file, a checkpoint manager directory, or a folder of checkpoint files.",
        };
        var command = NewCommand(
            "Check a checkpoint: a manager directory's steps against their manifests (sizes, XxHash128), a plain file's structure " +
            "and its sha256sum-compatible FILE.sha256 when there is one (\"no checksum: structure only\" when not), an .npz archive's CRC-32s.",
            (parsed, cancellationToken) => Run(console.Output, parsed.GetValue(path)!, cancellationToken));
        command.Arguments.Add(path);
        return command;
    }

    private static int Run(TextWriter output, string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            if (!File.Exists(path) && new FileInfo(path).LinkTarget is null) throw new CheckpointNotFoundException(Path.GetFullPath(path));
            var result = FileVerification.Run(path, followLinks: true, cancellationToken);
            output.WriteLine(result.Line());
            return result.Result == FileVerification.Outcome.Corrupt ? ExitCodes.Failed : ExitCodes.Ok;
        }

        var steps = FolderContents.IsManagerDirectory(path) ? CheckpointManager.VerifyDirectory(path, cancellationToken) : [];
        var files = FolderContents.CheckpointFiles(path);
        if (steps.Count == 0 && files.Count == 0)
            throw new CheckpointException($"no checkpoint steps (step_*) and no checkpoint files (.msgpack, .npz, .npy, .safetensors) in {Path.GetFullPath(path)}");

        var corruptSteps = 0;
        foreach (var step in steps)
        {
            var status = step.IsIntact
                ? $"intact ({step.Manifest!.Files.Count} file(s), {Sizes.Format(step.Manifest.TotalBytes)})"
                : "CORRUPT: " + TerminalText.Escape(step.Summary);
            output.WriteLine($"step {step.Step}: {status}");
            if (!step.IsIntact) corruptSteps++;
        }

        var outcomes = new List<FileVerification.Outcome>();
        foreach (var file in files)
        {
            var result = FileVerification.Run(file, followLinks: false, cancellationToken);
            output.WriteLine(result.Line());
            outcomes.Add(result.Result);
        }

        foreach (var name in FolderContents.Unfinished(path))
            output.WriteLine($"note: {TerminalText.Escape(name)} is left from an interrupted save or deletion; a manager removes it when it opens the directory");

        var summary = new List<string>();
        if (steps.Count > 0)
            summary.Add(corruptSteps == 0 ? $"{steps.Count} step(s), all intact" : $"{steps.Count} step(s): {steps.Count - corruptSteps} intact, {corruptSteps} corrupt");
        if (files.Count > 0)
        {
            var counts = new[] { FileVerification.Outcome.Intact, FileVerification.Outcome.StructureOnly, FileVerification.Outcome.Corrupt }
                .Select(outcome => (Outcome: outcome, Count: outcomes.Count(o => o == outcome)))
                .Where(c => c.Count > 0)
                .Select(c => $"{c.Count} {c.Outcome switch { FileVerification.Outcome.Intact => "intact", FileVerification.Outcome.StructureOnly => "structure only (no checksum)", _ => "corrupt" }}");
            summary.Add($"{files.Count} file(s): {string.Join(", ", counts)}");
        }

        output.WriteLine(string.Join("; ", summary));
        return corruptSteps == 0 && !outcomes.Contains(FileVerification.Outcome.Corrupt) ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
