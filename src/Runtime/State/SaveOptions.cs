namespace Checkpoint;

/// <summary>
/// How a save writes: the one options object of the saving direction, passed from the facade (files, async
/// saves, the manager) down to the format writer.
/// </summary>
public sealed record SaveOptions
{
    /// <summary>The default options.</summary>
    public static SaveOptions Default { get; } = new();

    /// <summary>The state kinds saved for <see cref="IStateful"/> models at the root (default: persistent).</summary>
    public StateKinds Kinds { get; init; } = StateKinds.Persistent;

    /// <summary>
    /// Arrays whose data is strictly larger than this many bytes are written in braintools' chunked layout
    /// (<c>__msgpack_chunked_array__</c>), each chunk holding <c>max(1, ChunkByteLimit / itemsize)</c> elements.
    /// Python braintools and flax use 2^30; change it only to reproduce files written with a patched limit. At least 1.
    /// </summary>
    public long ChunkByteLimit { get; init; } = 1L << 30;

    /// <summary>Receives the total number of bytes written so far, from time to time and once at the end.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary><c>.npz</c>: deflate every member, as <c>np.savez_compressed</c> does; false stores them as <c>np.savez</c> does.</summary>
    public bool Compressed { get; init; }

    /// <summary>
    /// <c>.safetensors</c>: the <c>__metadata__</c> map (free-form strings, e.g. <c>{"format": "pt"}</c>), written in its
    /// enumeration order; null writes none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Where background saves log that they waited for the previous one, or failed; nothing is logged when null.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>
    /// Also writes a <c>sha256sum</c>-compatible sidecar next to a saved file (<c>model.msgpack.sha256</c>, see
    /// <see cref="Storage.ChecksumSidecar"/>): the bytes are hashed while they are written and the sidecar is written
    /// after them; loads check it (<see cref="LoadOptions.VerifyChecksum"/>). Default false; on by default for
    /// <see cref="TrainingCheckpoint"/> and <see cref="ModelZoo"/> saves. Every file save removes a stale sidecar
    /// before it replaces the data, whatever this says. On object storage the sidecar is the object <c>name.sha256</c>.
    /// </summary>
    public bool WriteChecksum { get; init; }

    /// <summary>The deepest nesting of maps written; a deeper tree (a map that contains itself) is refused. At least 1.</summary>
    public int MaxDepth { get; init; } = CheckpointLimits.DefaultMaxDepth;
}
