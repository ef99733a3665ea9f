namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Writes checkpoint files byte for byte as Python braintools <c>msgpack_save</c> and flax
/// <c>serialization.to_bytes</c> do: one MessagePack object, maps with string keys in order, arrays as ext 1,
/// complex numbers as ext 2, numpy scalars as ext 3, arrays over the chunk limit in the chunked layout.
/// Streaming: headers go through a small buffer and array bytes straight from each tensor's memory (or, for lazy
/// leaves of another file, from that file in bounded pieces), so an array of any size is written.
/// </summary>
public static class MsgPackWriter
{
    /// <summary>Writes <paramref name="root"/> to <paramref name="destination"/> (at its current position).</summary>
    /// <param name="destination">The stream; it is not flushed or closed.</param>
    /// <param name="root">The tree (normally a <see cref="StateDict"/>; any node may be the root).</param>
    /// <param name="options">Chunk limit, depth limit and progress callback.</param>
    /// <param name="cancellationToken">Checked between nodes and between 16 MiB slices of array data.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SaveOptions.ChunkByteLimit"/> or <see cref="SaveOptions.MaxDepth"/> is below 1.</exception>
    /// <exception cref="CheckpointException">The tree nests deeper than the limit (a map that contains itself).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the stream holds a partial object.</exception>
    public static void Write(Stream destination, StateNode root, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        options ??= SaveOptions.Default;
        if (options.ChunkByteLimit < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ChunkByteLimit, "ChunkByteLimit must be at least 1.");
        if (options.MaxDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, "MaxDepth must be at least 1.");
        var output = new MsgPackOutput(destination, options.Progress, cancellationToken);
        new MsgPackNodeWriter(output, options.ChunkByteLimit, options.MaxDepth, cancellationToken).WriteRoot(root);
    }

    /// <summary>The bytes of <paramref name="root"/> as a file would hold them.</summary>
    public static byte[] ToBytes(StateNode root, SaveOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, root, options);
        return stream.ToArray();
    }
}
