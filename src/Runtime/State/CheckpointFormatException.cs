namespace Checkpoint;

/// <summary>
/// A checkpoint file is not valid MessagePack in the braintools/flax layout: it is truncated, corrupt, or uses
/// something this library does not read (an unknown dtype, an unsupported ext type, a non-string map key ...).
/// The message names the file, the path inside it and the byte offset, e.g.
/// <c>Corrupt checkpoint 'model.msgpack' at params.w (byte 1234): declared 4096 data bytes but only 12 remain</c>.
/// </summary>
public sealed class CheckpointFormatException : CheckpointException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    /// <param name="detail">What was wrong, without location (e.g. <c>unknown dtype 'float8'</c>).</param>
    /// <param name="fileName">The file (or other source) name, or null when unknown.</param>
    /// <param name="pathInFile">The dotted path of the node being read; empty for the root.</param>
    /// <param name="offset">The byte offset in the source where the problem was found.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CheckpointFormatException(string detail, string? fileName, string pathInFile, long offset, Exception? innerException = null)
        : base(FormatMessage(detail, fileName, pathInFile, offset), innerException)
    {
        Detail = detail;
        FileName = fileName;
        PathInFile = pathInFile;
        Offset = offset;
    }

    /// <summary>What was wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file (or source) name given to the reader, or null.</summary>
    public string? FileName { get; }

    /// <summary>The dotted path inside the file (e.g. <c>params.layers.0.weight</c>); empty for the root object.</summary>
    public string PathInFile { get; }

    /// <summary>The byte offset in the source where the problem was detected.</summary>
    public long Offset { get; }

    private static string FormatMessage(string detail, string? fileName, string pathInFile, long offset)
    {
        var file = fileName is null ? "" : $" '{fileName}'";
        var path = pathInFile.Length == 0 ? "<root>" : pathInFile;
        return $"Corrupt checkpoint{file} at {path} (byte {offset}): {detail}";
    }
}
