namespace Checkpoint.Formats;

/// <summary>
/// A checkpoint file of any format, open (<see cref="CheckpointFormats.Open"/>): its tree with arrays still in the
/// file, read when asked for (<see cref="TensorNode.ReadBytes"/> streams them in pieces). Keep it open while
/// reading arrays; after <see cref="Dispose"/> reads throw a <see cref="CheckpointException"/>.
/// </summary>
public sealed class OpenedCheckpoint : IDisposable
{
    private readonly IDisposable _file;

    internal OpenedCheckpoint(CheckpointFormat format, string fullPath, StateNode root, IReadOnlyDictionary<string, string>? metadata, IDisposable file)
    {
        Format = format;
        FullPath = fullPath;
        Root = root;
        Metadata = metadata;
        _file = file;
    }

    /// <summary>The format the file was read as.</summary>
    public CheckpointFormat Format { get; }

    /// <summary>The full path of the file.</summary>
    public string FullPath { get; }

    /// <summary>
    /// The tree: a <see cref="StateDict"/> for every format but .npy, whose root is its one array (a msgpack file
    /// may also hold a bare value at the root).
    /// </summary>
    public StateNode Root { get; }

    /// <summary>The format's own string metadata (safetensors' <c>__metadata__</c>); null for formats without it or a file with none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();
}
