using System.Text;
using MessagePack;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Reads checkpoint files in the layout of Python braintools <c>msgpack_save</c> and flax
/// <c>serialization.to_bytes</c>: one MessagePack object (normally a map with string keys) whose arrays are
/// ext 1, complex numbers ext 2 and numpy scalars ext 3; chunked arrays are joined back. Input is treated as
/// untrusted: every length is checked before anything is allocated, and any defect is reported as a
/// <see cref="CheckpointFormatException"/> naming the file, the path inside it and the byte offset.
/// Reading streams: only headers are buffered, array bytes go straight into the new tensors.
/// </summary>
public static class MsgPackReader
{
    /// <summary>Reads the whole object from <paramref name="source"/> (from its current position).</summary>
    /// <param name="source">The stream; seekable streams let lengths be checked against the file size up front.</param>
    /// <param name="options">The source name for messages and the nesting limit.</param>
    /// <param name="cancellationToken">Checked between nodes.</param>
    /// <returns>The root node: a <see cref="StateDict"/> for normal checkpoints, or a leaf for a bare top-level value.</returns>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static StateNode Read(Stream source, MsgPackReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Run(source, options, indexOnly: false, cancellationToken, out _);
    }

    /// <summary>Reads an object held in memory.</summary>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    public static StateNode FromBytes(byte[] data, MsgPackReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        return Read(stream, options);
    }

    /// <summary>Reads an object held in memory (the bytes are copied once).</summary>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    public static StateNode FromBytes(ReadOnlySpan<byte> data, MsgPackReadOptions? options = null) =>
        FromBytes(data.ToArray(), options);

    /// <summary>
    /// Reads the structure of a file without its array data: maps and small leaves are read, every array
    /// (ext 1, and chunked arrays joined into one) becomes a <see cref="TensorRef"/> recording dtype, shape and
    /// where its bytes are. The whole structure is validated exactly as <see cref="Read"/> does (lengths,
    /// dtypes, keys, trailing bytes), so a later <see cref="ReadTensorData"/> only fails if the file changes.
    /// Use it for two-pass loads: check everything against a model, then copy bytes straight into its tensors.
    /// </summary>
    /// <param name="source">A seekable stream positioned at the start of the object; left at its end.</param>
    /// <param name="options">The source name for messages and the nesting limit.</param>
    /// <param name="cancellationToken">Checked between nodes.</param>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    /// <exception cref="CheckpointFormatException">The data is truncated, corrupt or not in this layout.</exception>
    public static MsgPackIndex ReadIndex(Stream source, MsgPackReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.CanSeek) throw new ArgumentException("Indexing needs a seekable stream (array data is skipped and read later).", nameof(source));
        var start = source.Position;
        var root = Run(source, options, indexOnly: true, cancellationToken, out var end);
        return new MsgPackIndex(ToIndexNode(root), options?.FileName, end - start);
    }

    /// <summary>
    /// Reads the data bytes of an indexed array into <paramref name="destination"/> (C order, little-endian, the
    /// layout of <see cref="NdArrayBytes.AsBytes"/>), seeking to each segment. The stream must be the one indexed
    /// (or the same file reopened).
    /// </summary>
    /// <param name="source">The seekable stream; its position afterwards is unspecified.</param>
    /// <param name="tensor">The array, from <see cref="ReadIndex"/>.</param>
    /// <param name="destination">Exactly <see cref="TensorRef.ByteLength"/> bytes, e.g. a matching tensor's <see cref="NdArrayBytes.AsBytes"/>.</param>
    /// <param name="fileName">The name for error messages.</param>
    /// <exception cref="ArgumentException">The destination has the wrong length or the stream cannot seek.</exception>
    /// <exception cref="CheckpointFormatException">The file ends before the data (it changed since indexing).</exception>
    public static void ReadTensorData(Stream source, TensorRef tensor, Span<byte> destination, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!source.CanSeek) throw new ArgumentException("Reading indexed data needs a seekable stream.", nameof(source));
        if (destination.Length != tensor.ByteLength)
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes but {tensor} has {tensor.ByteLength}.", nameof(destination));

        foreach (var segment in tensor.Segments)
        {
            source.Position = segment.Offset;
            var part = destination[..(int)segment.Length];
            var done = 0;
            while (done < part.Length)
            {
                var read = source.Read(part[done..]);
                if (read <= 0)
                    throw new CheckpointFormatException(
                        $"the file ended {part.Length - done} byte(s) before the end of the array data (did it change since it was indexed?)",
                        fileName, tensor.Path, segment.Offset + done);
                done += read;
            }

            destination = destination[part.Length..];
        }
    }

    /// <summary>Reads an indexed array into a new tensor of its dtype and shape.</summary>
    /// <exception cref="CheckpointFormatException">The file ends before the data (it changed since indexing).</exception>
    public static INdArray ReadTensor(Stream source, TensorRef tensor, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var result = DTypes.CreateTensor(tensor.DType, [.. tensor.Shape]);
        ReadTensorData(source, tensor, result.AsBytes(), fileName);
        return result;
    }

    private static StateNode Run(Stream source, MsgPackReadOptions? options, bool indexOnly, CancellationToken cancellationToken, out long end)
    {
        options ??= MsgPackReadOptions.Default;
        if (options.MaxDepth < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, "MaxDepth must be at least 1.");
        var context = new ReadContext(options.FileName);
        var input = new MsgPackInput(source);
        var tokens = new MsgPackTokenReader(input, context);
        var reader = new MsgPackNodeReader(tokens, options.MaxDepth, indexOnly, cancellationToken);
        try
        {
            var root = reader.ReadRoot();
            end = input.Position;
            return root;
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException
                                      or DecoderFallbackException or ArgumentException or InvalidOperationException)
        {
            // Defensive: the checks above should leave nothing for these, but a defect in the data must never
            // surface as anything but a format error.
            throw context.Error(input.Position, e.Message, e);
        }
    }

    private static MsgPackIndexNode ToIndexNode(StateNode node)
    {
        switch (node)
        {
            case TensorRefNode reference:
                return reference.Reference;
            case StateDict dict:
                var map = new MsgPackIndexMap();
                foreach (var (key, child) in dict) map.Add(key, ToIndexNode(child));
                return map;
            default:
                return new MsgPackIndexLeaf(node);
        }
    }
}
