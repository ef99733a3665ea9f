namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Writes checkpoint files byte for byte as Python braintools <c>msgpack_save</c> and flax
/// <c>serialization.to_bytes</c> do: one MessagePack object, maps with string keys in order, arrays as ext 1,
/// complex numbers as ext 2, numpy scalars as ext 3, arrays over the chunk limit in the chunked layout.
/// Streaming: headers go through a small buffer and array bytes straight from each tensor's memory.
/// </summary>
public static class MsgPackWriter
{
    /// <summary>Writes <paramref name="root"/> to <paramref name="destination"/> (at its current position).</summary>
    /// <param name="destination">The stream; it is not flushed or closed.</param>
    /// <param name="root">The tree (normally a <see cref="StateDict"/>; any node may be the root).</param>
    /// <param name="options">Chunk limit and progress callback.</param>
    /// <param name="cancellationToken">Checked between nodes and between 16 MiB slices of array data.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MsgPackWriteOptions.ChunkByteLimit"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The tree nests deeper than 1000 levels (a cycle).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the stream holds a partial object.</exception>
    public static void Write(Stream destination, StateNode root, MsgPackWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        options ??= MsgPackWriteOptions.Default;
        if (options.ChunkByteLimit < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ChunkByteLimit, "ChunkByteLimit must be at least 1.");
        var output = new MsgPackOutput(destination, options.Progress, cancellationToken);
        new MsgPackNodeWriter(output, options.ChunkByteLimit, cancellationToken).WriteRoot(root);
    }

    /// <summary>The bytes of <paramref name="root"/> as a file would hold them.</summary>
    public static byte[] ToBytes(StateNode root, MsgPackWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, root, options);
        return stream.ToArray();
    }
}
