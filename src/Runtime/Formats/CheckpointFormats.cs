using System.Buffers.Binary;

namespace Checkpoint.Formats;

/// <summary>
/// One way to tell the formats apart and to open or save any of them: the format comes from the file name's
/// extension (<c>.msgpack</c>, <c>.npz</c>, <c>.npy</c>, <c>.safetensors</c>) or, for any other name, from the
/// first bytes of the file. Opening goes to the format's own reader (<see cref="CheckpointFile"/>,
/// <see cref="Npy.NpzFile"/>, <see cref="Npy.NpyFile"/>, <see cref="SafeTensors.SafeTensorsFile"/>), so arrays stay in the file.
/// </summary>
public static class CheckpointFormats
{
    private const int HeadLength = 16;

    // numpy's magic string: the byte 0x93, then "NUMPY" (a u8 literal would encode U+0093 as two bytes).
    private static ReadOnlySpan<byte> NpyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The usual extension of <paramref name="format"/>, with its dot (<c>.npz</c>).</summary>
    public static string Extension(this CheckpointFormat format) => format switch
    {
        CheckpointFormat.MsgPack => ".msgpack",
        CheckpointFormat.Npz => ".npz",
        CheckpointFormat.Npy => ".npy",
        CheckpointFormat.SafeTensors => ".safetensors",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The format a file name's extension names (case-insensitive), or null for any other name.</summary>
    public static CheckpointFormat? FromExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        foreach (var format in Enum.GetValues<CheckpointFormat>())
            if (string.Equals(extension, format.Extension(), StringComparison.OrdinalIgnoreCase)) return format;
        return null;
    }

    /// <summary>
    /// The format the first bytes of a file show: numpy's magic string (<c>\x93NUMPY</c>), a zip archive (<c>PK</c>),
    /// a safetensors header (a little-endian length of at most 100 MB followed by <c>{</c>); anything else is taken for
    /// msgpack, whose reader then says what is wrong if it is not.
    /// </summary>
    public static CheckpointFormat FromContent(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(NpyMagic)) return CheckpointFormat.Npy;
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return CheckpointFormat.Npz;
        if (head.Length > 8 && head[8] == (byte)'{' && BinaryPrimitives.ReadUInt64LittleEndian(head) is > 1 and <= 100_000_000)
            return CheckpointFormat.SafeTensors;
        return CheckpointFormat.MsgPack;
    }

    /// <summary>The format of the file at <paramref name="path"/>: by its extension, else by its first bytes.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointException">The path names something that is not a regular file.</exception>
    public static CheckpointFormat Detect(string path)
    {
        if (FromExtension(path) is { } byName) return byName;
        using var stream = CheckpointFile.OpenRead(path, out _);
        Span<byte> head = stackalloc byte[HeadLength];
        var read = RandomAccess.Read(stream.SafeFileHandle, head, 0);
        return FromContent(head[..read]);
    }

    /// <summary>
    /// Opens a checkpoint file of any format (<see cref="Detect"/>): its structure is read and checked, its arrays
    /// stay in the file as lazy <see cref="TensorNode"/>s until asked for.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The nesting limit (msgpack) and how dotted names map to paths (npz, safetensors).</param>
    /// <param name="cancellationToken">Cancels reading the structure.</param>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid file of its format.</exception>
    public static OpenedCheckpoint Open(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = Detect(path);
        var fullPath = Path.GetFullPath(path);
        switch (format)
        {
            case CheckpointFormat.MsgPack:
                var msgpack = CheckpointFile.Open(fullPath, options, cancellationToken);
                return new OpenedCheckpoint(format, fullPath, msgpack.Root, null, msgpack);
            case CheckpointFormat.Npz:
                var npz = Npy.NpzFile.Open(fullPath, options);
                return new OpenedCheckpoint(format, fullPath, npz.Root, null, npz);
            case CheckpointFormat.Npy:
                var npy = Npy.NpyFile.Open(fullPath);
                return new OpenedCheckpoint(format, fullPath, npy.Array, null, npy);
            default:
                var safetensors = SafeTensors.SafeTensorsFile.Open(fullPath, options);
                return new OpenedCheckpoint(format, fullPath, safetensors.Root, safetensors.Metadata, safetensors);
        }
    }

    /// <summary>
    /// Writes <paramref name="root"/> to <paramref name="path"/> atomically in <paramref name="format"/>, through that
    /// format's writer: array bytes stream piece by piece, also from lazy leaves of another open file, so converting
    /// a file never holds it whole. What the format cannot hold is refused, naming the path, before anything is written.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="root">The tree; for <see cref="CheckpointFormat.Npy"/>, one array.</param>
    /// <param name="format">The format to write.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="options">Chunk limit (msgpack), compression (npz), metadata (safetensors), progress.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">A value the format cannot hold, or the file exists and <paramref name="overwrite"/> is false.</exception>
    public static string Save(
        string path, StateNode root, CheckpointFormat format, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        return format switch
        {
            CheckpointFormat.MsgPack => MsgPackCheckpoint.Save(path, root, overwrite, options, cancellationToken),
            CheckpointFormat.Npz => NpzCheckpoint.Save(path, root, overwrite, options, cancellationToken),
            CheckpointFormat.Npy => NpyCheckpoint.Save(path, root, overwrite, options?.Progress, cancellationToken),
            CheckpointFormat.SafeTensors => SafeTensorsCheckpoint.Save(path, root, overwrite, options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }
}
