namespace Checkpoint.Storage.Azure;

/// <summary>How <see cref="AzureBlobStorage"/> uploads.</summary>
public sealed class AzureBlobStorageOptions
{
    /// <summary>The largest block here: 2000 MiB (the service takes 4000 MiB, but a block is buffered in one array).</summary>
    public const int MaxBlockSize = 2000 * 1024 * 1024;

    /// <summary>The defaults: 8 MiB blocks, 4 uploads at once.</summary>
    public static AzureBlobStorageOptions Default { get; } = new();

    /// <summary>
    /// The size of each block of an upload (every block but the last); objects up to this size go up in one
    /// request. An object may have at most 50,000 blocks, so the default 8 MiB allows objects up to about 390 GiB.
    /// </summary>
    public int BlockSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>How many blocks of one object are uploaded at once; memory in use is about <c>(this + 1) × BlockSize</c> per object.</summary>
    public int MaxParallelUploads { get; init; } = 4;

    internal void Validate()
    {
        if (BlockSize < 1 || BlockSize > MaxBlockSize)
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, $"Azure blocks are 1 byte to {MaxBlockSize} bytes.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelUploads, 1, nameof(MaxParallelUploads));
    }
}
