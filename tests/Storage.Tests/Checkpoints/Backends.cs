using Checkpoint.Storage.Azure;
using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>Checkpoints on the local disk, in a fresh temporary directory per test.</summary>
public sealed class CheckpointsOnLocalDisk : CheckpointsOnStorage, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ckpt-cos-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    protected override Task<ObjectStorage> NewStorageAsync() => Task.FromResult<ObjectStorage>(new LocalFileStorage(_root));

    protected override ObjectStorage Reopen(ObjectStorage storage) => new LocalFileStorage(((LocalFileStorage)storage).Root);
}

/// <summary>Checkpoints on Azure Blob Storage (Azurite), a fresh container per test, with 1 MiB blocks.</summary>
public sealed class CheckpointsOnAzurite(AzuriteFixture azurite) : CheckpointsOnStorage, IClassFixture<AzuriteFixture>
{
    private static readonly AzureBlobStorageOptions Options = new() { BlockSize = 1024 * 1024 };
    private string? _container;

    protected override async Task<ObjectStorage> NewStorageAsync()
    {
        var storage = await azurite.NewStorageAsync(Options);
        _container = new Uri(storage.Location).Segments[2].TrimEnd('/');
        return storage;
    }

    protected override ObjectStorage Reopen(ObjectStorage storage) => azurite.Open(_container!, Options);
}

/// <summary>Checkpoints on S3 (s3rver), a fresh bucket per test, with the smallest parts S3 allows.</summary>
public sealed class CheckpointsOnS3rver(S3rverFixture s3rver) : CheckpointsOnStorage, IClassFixture<S3rverFixture>
{
    protected override async Task<ObjectStorage> NewStorageAsync() => await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);

    protected override ObjectStorage Reopen(ObjectStorage storage) => s3rver.Open(((S3Storage)storage).Bucket);
}
