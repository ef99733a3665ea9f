using Checkpoint.Formats.MsgPack;

namespace Checkpoint;

/// <summary>How <see cref="MsgPackCheckpoint.Save"/> writes a file.</summary>
public sealed record MsgPackSaveOptions
{
    /// <summary>The default options.</summary>
    public static MsgPackSaveOptions Default { get; } = new();

    /// <summary>The state kinds saved for <see cref="IStateful"/> models at the root (default: persistent).</summary>
    public StateKinds Kinds { get; init; } = StateKinds.Persistent;

    /// <summary>Arrays larger than this many bytes are written in braintools' chunked layout (default 2^30).</summary>
    public long ChunkByteLimit { get; init; } = 1L << 30;

    /// <summary>Receives the number of bytes written so far.</summary>
    public IProgress<long>? Progress { get; init; }

    internal MsgPackWriteOptions ToWriteOptions() => new() { ChunkByteLimit = ChunkByteLimit, Progress = Progress };
}
