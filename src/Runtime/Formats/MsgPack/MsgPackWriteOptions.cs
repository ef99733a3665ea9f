namespace Checkpoint.Formats.MsgPack;

/// <summary>Settings of <see cref="MsgPackWriter"/>.</summary>
public sealed record MsgPackWriteOptions
{
    /// <summary>The defaults: braintools/flax chunk limit of 2^30 bytes, no progress reports.</summary>
    public static MsgPackWriteOptions Default { get; } = new();

    /// <summary>
    /// Arrays whose data is strictly larger than this many bytes are written in the chunked layout
    /// (<c>__msgpack_chunked_array__</c>), each chunk holding <c>max(1, ChunkByteLimit / itemsize)</c> elements.
    /// Python braintools and flax use 2^30; change it only to reproduce files written with a patched limit.
    /// Must be at least 1.
    /// </summary>
    public long ChunkByteLimit { get; init; } = 1L << 30;

    /// <summary>Receives the total number of bytes written so far, from time to time and once at the end.</summary>
    public IProgress<long>? Progress { get; init; }
}
