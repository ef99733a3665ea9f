namespace Checkpoint.Formats.SafeTensors;

/// <summary>Reads a whole safetensors file into memory. For lazy reading (and the metadata) use <see cref="SafeTensorsFile"/>.</summary>
public static class SafeTensorsReader
{
    /// <summary>Reads the tensors from the current position of <paramref name="source"/> to its end; the stream is left open.</summary>
    /// <exception cref="CheckpointFormatException">The data breaks a rule of the format.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static StateDict Read(Stream source, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var file = SafeTensorsFile.Open(source, options, leaveOpen: true);
        return ArrayCheckpoints.Materialized(file.Root, cancellationToken);
    }
}
