using Checkpoint.Formats;
using Checkpoint.Management;
using Checkpoint.Storage;

namespace Checkpoint.Cli.Folders;

/// <summary>
/// What a folder holds for the tool: the steps of a checkpoint manager (<c>step_*</c>), plain checkpoint files
/// (<c>checkpoints/epoch_5.msgpack</c>, a model zoo, files of any format by extension), and what interrupted saves left.
/// </summary>
internal static class FolderContents
{
    private static readonly string[] StagingPrefixes = [".tmp-step_", ".del-step_", ".old-step_"];

    /// <summary>Whether the folder is a manager directory (it has a <c>step_*</c> directory or the manager's lock).</summary>
    public static bool IsManagerDirectory(string folder) => CheckpointManager.IsManagerDirectory(folder);

    /// <summary>The checkpoint files directly in the folder (by extension), in name order; temporary files of unfinished saves are not.</summary>
    public static IReadOnlyList<string> CheckpointFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(file => CheckpointFormats.FromExtension(file) is not null && !AtomicFile.IsTemporaryFile(file))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Names left by interrupted saves or deletions (the manager's staging entries, atomic writes' temporary files).</summary>
    public static IEnumerable<string> Unfinished(string folder) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Where(entry => AtomicFile.IsTemporaryFile(entry) || StagingPrefixes.Any(p => Path.GetFileName(entry).StartsWith(p, StringComparison.Ordinal)))
            .Select(entry => Path.GetFileName(entry))
            .Order(StringComparer.Ordinal);
}
