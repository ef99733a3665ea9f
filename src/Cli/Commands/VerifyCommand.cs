using Checkpoint.Cli.Output;
using Checkpoint.Management;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint verify DIR|FILE</c>: for a manager directory, checks every step's manifest, sizes and checksums
/// and prints each step as intact or what is wrong; for a single msgpack file, checks that it parses.
/// Exit code 0 when everything is intact, 1 otherwise (also when a directory holds no step), 2 for bad usage.
/// </summary>
internal static class VerifyCommand
{
    public const string Usage = "checkpoint verify DIR|FILE";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 1 || args[0].StartsWith('-'))
        {
            error.WriteLine($"usage: {Usage}");
            return 2;
        }

        var path = args[0];
        if (Directory.Exists(path)) return VerifyDirectory(path, output, error);
        if (File.Exists(path)) return VerifyFile(path, output, error);
        error.WriteLine($"checkpoint: Checkpoint not found: {path}");
        return 1;
    }

    private static int VerifyDirectory(string path, TextWriter output, TextWriter error)
    {
        IReadOnlyList<StepVerification> steps;
        try
        {
            steps = CheckpointManager.VerifyDirectory(path);
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"checkpoint: {e.Message}");
            return 1;
        }

        if (steps.Count == 0)
        {
            error.WriteLine($"checkpoint: no checkpoint steps (step_*) in {path}");
            return 1;
        }

        foreach (var step in steps)
        {
            var status = step.IsIntact
                ? $"intact ({step.Manifest!.Files.Count} file(s), {Sizes.Format(step.Manifest.TotalBytes)})"
                : "CORRUPT: " + step.Summary;
            output.WriteLine($"step {step.Step}: {status}");
        }

        foreach (var name in DirectoryListing.Unfinished(path))
            output.WriteLine($"note: {name} is left from an interrupted save or deletion; a manager removes it when it opens the directory");

        var corrupt = steps.Count(s => !s.IsIntact);
        output.WriteLine(corrupt == 0
            ? $"{steps.Count} step(s), all intact"
            : $"{steps.Count} step(s): {steps.Count - corrupt} intact, {corrupt} corrupt");
        return corrupt == 0 ? 0 : 1;
    }

    private static int VerifyFile(string path, TextWriter output, TextWriter error)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var root = MsgPackReader.Read(stream, new LoadOptions { SourceName = path });
            output.WriteLine($"{path}: intact ({Sizes.Format(stream.Length)}, {Count(root)} leaves)");
            return 0;
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"{path}: CORRUPT: {e.Message}");
            return 1;
        }
    }

    private static int Count(StateNode node) => node is StateDict dict ? dict.Sum(p => Count(p.Value)) : 1;
}
