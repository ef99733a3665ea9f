using Checkpoint.Cli.Output;
using Checkpoint.Formats;

namespace Checkpoint.Cli.Folders;

/// <summary>
/// One checkpoint file of a folder as the listing shows it: format, size, counts and metadata, read from its structure
/// only (no array is read), or why it could not be read. Links are not followed inside a folder, which may be shared.
/// </summary>
/// <param name="Name">The file name.</param>
/// <param name="Format">The format by extension.</param>
/// <param name="Size">The file's length in bytes.</param>
/// <param name="Totals">Leaves, arrays, array bytes; null when the file could not be read.</param>
/// <param name="Metadata">The format's metadata (safetensors), or the training layout's <c>metadata</c> map and top-level numbers and strings (msgpack).</param>
/// <param name="Error">Why the file could not be read, or null.</param>
internal sealed record FileSummary(
    string Name, CheckpointFormat Format, long Size, TreeTotals? Totals, IReadOnlyList<KeyValuePair<string, StateNode>> Metadata, string? Error)
{
    /// <summary>Reads the summary of <paramref name="path"/>; a file that cannot be read gives a summary with <see cref="Error"/>.</summary>
    public static FileSummary Read(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var format = CheckpointFormats.FromExtension(path) ?? CheckpointFormat.MsgPack;
        if (info.LinkTarget is { } target)
            return new FileSummary(info.Name, format, 0, null, [], $"a symbolic link to {target}, not followed inside a folder");
        try
        {
            using var file = CheckpointFormats.Open(path, cancellationToken: cancellationToken);
            return new FileSummary(info.Name, file.Format, info.Length, TreeTotals.Of(file.Root), MetadataOf(file), null);
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            return new FileSummary(info.Name, format, info.Exists ? info.Length : 0, null, [], ErrorLine.Of(e));
        }
    }

    private static List<KeyValuePair<string, StateNode>> MetadataOf(OpenedCheckpoint file)
    {
        var metadata = new List<KeyValuePair<string, StateNode>>();
        if (file.Metadata is { } strings)
            metadata.AddRange(strings.Select(pair => new KeyValuePair<string, StateNode>(pair.Key, new StringNode(pair.Value))));
        if (file.Root is not StateDict root) return metadata;
        // The training layout (TrainingCheckpoint, the model zoo): epoch, step and version at the top, a metadata map.
        metadata.AddRange(root.Where(pair => IsPlainValue(pair.Value)));
        if (root.TryGetValue(CheckpointKeys.Metadata, out var map) && map is StateDict values)
            metadata.AddRange(values.Leaves().Where(pair => IsPlainValue(pair.Value)));
        return metadata;
    }

    private static bool IsPlainValue(StateNode node) => node is IntegerNode or FloatNode or BoolNode or StringNode or NumpyScalarNode;
}
