namespace Checkpoint.Formats.Npy;

/// <summary>Settings of <see cref="NpzWriter"/>.</summary>
public sealed record NpzWriteOptions
{
    /// <summary>The defaults: stored members (<c>np.savez</c>), no progress reports.</summary>
    public static NpzWriteOptions Default { get; } = new();

    /// <summary>Deflate every member, as <c>np.savez_compressed</c> does; false stores them as <c>np.savez</c> does.</summary>
    public bool Compressed { get; init; }

    /// <summary>Receives the number of array-file bytes (uncompressed) written so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
