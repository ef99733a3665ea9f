using Amazon.S3;
using Checkpoint.Storage.S3;

namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>One s3rver for a test class; each test gets a fresh bucket (and a prefix inside it).</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private EmulatorProcess? _s3rver;
    private AmazonS3Client? _client;

    /// <summary>The client every storage of this fixture uses (tests watch its requests).</summary>
    internal AmazonS3Client Client => _client!;

    public async Task InitializeAsync()
    {
        if (Node.Executable is null) return;
        _s3rver = await Emulators.StartS3rverAsync();
        _client = S3Storage.CreateCompatibleClient(_s3rver.Url, Emulators.S3rverKey, Emulators.S3rverKey);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_s3rver is not null) await _s3rver.DisposeAsync();
    }

    /// <summary>
    /// A storage in a new bucket under a prefix; skips the test without node. s3rver ignores conditional headers on
    /// writes, so the storage is told so (<see cref="S3StorageOptions.ConditionalWrites"/> false).
    /// </summary>
    public async Task<S3Storage> NewStorageAsync(int partSize, int maxParallelUploads = 4)
    {
        Skip.If(_s3rver is null, Node.MissingMessage);
        var options = new S3StorageOptions { PartSize = partSize, MaxParallelUploads = maxParallelUploads, ConditionalWrites = false };
        var storage = new S3Storage(_client!, "b" + Guid.NewGuid().ToString("N")[..20], "runs/r1", options);
        await storage.CreateBucketIfNotExistsAsync();
        return storage;
    }
}
