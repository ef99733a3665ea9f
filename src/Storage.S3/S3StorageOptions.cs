namespace Checkpoint.Storage.S3;

/// <summary>How <see cref="S3Storage"/> uploads, and whether the store has conditional writes.</summary>
public sealed class S3StorageOptions
{
    /// <summary>The smallest part S3 accepts (every part but the last): 5 MiB.</summary>
    public const int MinPartSize = 5 * 1024 * 1024;

    /// <summary>The largest part here: 2000 MiB (S3 takes 5 GiB, but a part is buffered in one array).</summary>
    public const int MaxPartSize = 2000 * 1024 * 1024;

    /// <summary>The defaults: 8 MiB parts, 4 uploads at once, conditional writes on.</summary>
    public static S3StorageOptions Default { get; } = new();

    /// <summary>
    /// The size of each part of a multipart upload (every part but the last); objects up to this size go up in one
    /// PUT. An object may have at most 10,000 parts, so the default 8 MiB allows objects up to about 78 GiB.
    /// </summary>
    public int PartSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>How many parts of one object are uploaded at once; memory in use is about <c>(this + 1) × PartSize</c> per object.</summary>
    public int MaxParallelUploads { get; init; } = 4;

    /// <summary>
    /// Whether the store honours <c>If-None-Match: *</c> and <c>If-Match</c> on PUT and CompleteMultipartUpload
    /// (Amazon S3 does since 2024). They make create-only writes and the lock atomic. Turn it off for stores that
    /// ignore them (such as the s3rver emulator): create-only then checks before publishing and the lock checks,
    /// writes and reads back, which detects a live holder but cannot exclude two holders racing (docs/storage.md).
    /// </summary>
    public bool ConditionalWrites { get; init; } = true;

    internal void Validate()
    {
        if (PartSize < MinPartSize || PartSize > MaxPartSize)
            throw new ArgumentOutOfRangeException(nameof(PartSize), PartSize, $"S3 parts are {MinPartSize} to {MaxPartSize} bytes here.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelUploads, 1, nameof(MaxParallelUploads));
    }
}
