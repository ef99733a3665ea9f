namespace Checkpoint.Formats.MsgPack;

/// <summary>Where a read is: the source name and the path of the node being read, for error messages.</summary>
internal sealed class ReadContext(string? fileName)
{
    private readonly List<string> _segments = [];

    public string? FileName { get; } = fileName;

    public string Path => string.Join(StateDict.PathSeparator, _segments);

    public void Push(string segment) => _segments.Add(segment);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public CheckpointFormatException Error(long offset, string detail, Exception? inner = null) =>
        new(detail, FileName, Path, offset, inner);
}
