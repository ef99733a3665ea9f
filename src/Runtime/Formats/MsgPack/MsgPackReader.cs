using System.Text;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Reads checkpoint files in the layout of Python braintools <c>msgpack_save</c> and flax
/// <c>serialization.to_bytes</c>: one MessagePack object (normally a map with string keys) whose arrays are
/// ext 1, complex numbers ext 2 and numpy scalars ext 3; chunked arrays are joined back. Input is treated as
/// untrusted: every length is checked before anything is allocated, and any defect is reported as a
/// <see cref="CheckpointFormatException"/> naming the file, the path inside it and the byte offset.
/// </summary>
/// <remarks>
/// One reader serves every path. From a seekable stream it reads the structure and leaves array bytes where they
/// are (lazy <see cref="TensorNode"/>s), then reads them straight into their destination; from a stream that
/// cannot seek it reads them as they pass. Both check the same things, so they accept exactly the same input.
/// </remarks>
public static class MsgPackReader
{
    /// <summary>Reads the whole object from <paramref name="source"/> (from its current position), arrays in memory.</summary>
    /// <param name="source">The stream; seekable streams let lengths be checked against the size up front.</param>
    /// <param name="options">The source name for messages (<see cref="LoadOptions.SourceName"/>) and the nesting limit.</param>
    /// <param name="cancellationToken">Checked between nodes.</param>
    /// <returns>The root node: a <see cref="StateDict"/> for normal checkpoints, or a leaf for a bare top-level value.</returns>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static StateNode Read(Stream source, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= LoadOptions.Default;
        if (!source.CanSeek) return Parse(source, lazySource: null, options, cancellationToken);
        var root = Parse(source, new RandomAccessSource(source, options.SourceName ?? "the stream", ownsStream: false, start: 0), options, cancellationToken);
        StateTree.Materialize(root);
        return root;
    }

    /// <summary>Reads an object held in memory.</summary>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    public static StateNode FromBytes(byte[] data, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        return Read(stream, options);
    }

    /// <summary>Reads an object held in memory (the bytes are copied once).</summary>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    public static StateNode FromBytes(ReadOnlySpan<byte> data, LoadOptions? options = null) => FromBytes(data.ToArray(), options);

    /// <summary>
    /// Reads the tree from <paramref name="source"/>: with <paramref name="lazySource"/> (the same bytes, readable by
    /// position) arrays stay there as lazy leaves; without, they are read into memory as they pass.
    /// </summary>
    internal static StateNode Parse(Stream source, TensorData? lazySource, LoadOptions options, CancellationToken cancellationToken)
    {
        if (options.MaxDepth < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, "MaxDepth must be at least 1.");
        var context = new ReadContext(options.SourceName);
        var input = new MsgPackInput(source);
        var tokens = new MsgPackTokenReader(input, context);
        var reader = new MsgPackNodeReader(tokens, options.MaxDepth, lazySource, cancellationToken);
        try
        {
            return reader.ReadRoot();
        }
        catch (Exception e) when (e is EndOfStreamException or OverflowException or DecoderFallbackException or ArgumentException or InvalidOperationException)
        {
            // Defensive: the checks above should leave nothing for these, but a defect in the data must never
            // surface as anything but a format error.
            throw context.Error(input.Position, e.Message, e);
        }
    }
}
