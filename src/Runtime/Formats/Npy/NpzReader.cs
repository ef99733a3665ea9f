namespace Checkpoint.Formats.Npy;

/// <summary>
/// Reads a whole .npz archive into memory: every array of <c>np.savez</c> or <c>np.savez_compressed</c>, checked
/// (sizes, CRC-32) while read. For lazy reading use <see cref="NpzFile"/>.
/// </summary>
public static class NpzReader
{
    /// <summary>Reads the archive from the current position of <paramref name="source"/> to its end; the stream is left open.</summary>
    /// <exception cref="CheckpointFormatException">Not an npz archive this library can read, or corrupt.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static StateDict Read(Stream source, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var file = NpzFile.Open(source, options, leaveOpen: true);
        return ArrayCheckpoints.Materialized(file.Root, cancellationToken);
    }
}
