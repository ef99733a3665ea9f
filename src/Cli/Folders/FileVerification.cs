using Checkpoint.Cli.Arrays;
using Checkpoint.Cli.Output;
using Checkpoint.Formats;
using Checkpoint.Storage;

namespace Checkpoint.Cli.Folders;

/// <summary>
/// Checks one plain checkpoint file: its structure parses (every length and offset within the file), an .npz
/// archive's members match their CRC-32 (read in pieces), and, when <c>FILE.sha256</c> is there (written by the library
/// or by <c>sha256sum</c>), the whole file matches it. Without either checksum the array bytes of a file carry none
/// (msgpack, npy and safetensors have no room for one), and the result says so: structure only.
/// </summary>
/// <param name="Path">The file as named.</param>
/// <param name="Problems">What is wrong; empty when nothing is.</param>
/// <param name="Checksums">The checksums that matched (<c>SHA-256 matches</c>, <c>CRC-32 of every member matches</c>).</param>
/// <param name="Description">Format, size and counts, when the structure could be read.</param>
internal sealed record FileVerification(string Path, IReadOnlyList<string> Problems, IReadOnlyList<string> Checksums, string? Description)
{
    /// <summary>The outcome in one word.</summary>
    public enum Outcome
    {
        /// <summary>Structure and a checksum of the data are fine.</summary>
        Intact,

        /// <summary>The structure is fine; nothing checks the data.</summary>
        StructureOnly,

        /// <summary>Something is wrong.</summary>
        Corrupt,
    }

    public Outcome Result => Problems.Count > 0 ? Outcome.Corrupt : Checksums.Count > 0 ? Outcome.Intact : Outcome.StructureOnly;

    /// <summary>Checks <paramref name="path"/>; links are followed only when <paramref name="followLinks"/> (a file the user named).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    public static FileVerification Run(string path, bool followLinks, CancellationToken cancellationToken)
    {
        if (!followLinks && new FileInfo(path).LinkTarget is { } target)
            return new FileVerification(path, [$"a symbolic link to {TerminalText.Escape(target)}, not followed inside a folder"], [], null);

        var problems = new List<string>();
        var checksums = new List<string>();
        string? description = null;
        try
        {
            using var file = CheckpointFormats.Open(path, cancellationToken: cancellationToken);
            var totals = TreeTotals.Of(file.Root);
            description = $"{file.Format.ToString().ToLowerInvariant()}, {Sizes.Format(new FileInfo(file.FullPath).Length)}, {totals.Leaves} leaves, {totals.Arrays} arrays";
            if (file.Format == CheckpointFormat.Npz)
            {
                ReadEveryArray(file.Root, cancellationToken);
                checksums.Add("CRC-32 of every member matches");
            }
        }
        catch (Exception e) when (e is not CheckpointNotFoundException && e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            problems.Add(ErrorLine.Of(e));
        }

        try
        {
            var sidecar = ChecksumSidecar.Verify(path, cancellationToken);
            if (sidecar.Matches) checksums.Insert(0, sidecar.Summary);
            else if (sidecar.Present) problems.Add(TerminalText.Escape(sidecar.Summary));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(ErrorLine.Of(e));
        }

        return new FileVerification(path, problems, checksums, description);
    }

    /// <summary>
    /// <c>model.msgpack: intact (SHA-256 matches; msgpack, 4.0 MiB, 3 leaves, 2 arrays)</c>,
    /// <c>model.msgpack: structure OK; no checksum: structure only (msgpack, ...)</c>, or <c>model.msgpack: CORRUPT: ...</c>.
    /// </summary>
    public string Line()
    {
        var name = TerminalText.Escape(Path);
        return Result switch
        {
            Outcome.Corrupt => $"{name}: CORRUPT: {string.Join("; ", Problems)}",
            Outcome.Intact => $"{name}: intact ({string.Join("; ", Checksums.Append(Description ?? ""))})",
            _ => $"{name}: structure OK; no checksum: structure only ({Description})",
        };
    }

    // An npz member's CRC-32 is checked when its bytes are read through to the end.
    private static void ReadEveryArray(StateNode node, CancellationToken cancellationToken)
    {
        if (node is TensorNode tensor) TensorPieces.ForEach(tensor, static (_, _) => { }, cancellationToken);
        else if (node is StateDict map)
            foreach (var (_, child) in map) ReadEveryArray(child, cancellationToken);
    }
}
