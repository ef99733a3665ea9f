using Amazon.S3;
using Checkpoint.Storage.S3;

namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>One s3rver for a test class; each test gets a fresh bucket (and a prefix inside it).</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private EmulatorProcess? _s3rver;
    private AmazonS3Client? _client;

    /// <summary>What s3rver printed so far (its errors, when it dies).</summary>
    internal string Log => _s3rver?.Log ?? "";

    /// <summary>Whether s3rver is still running.</summary>
    internal bool IsRunning => _s3rver?.IsRunning ?? false;

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
        var storage = Open("b" + Guid.NewGuid().ToString("N")[..20], partSize, maxParallelUploads);
        await storage.CreateBucketIfNotExistsAsync();
        return storage;
    }

    /// <summary>A storage on an existing bucket under the tests' prefix (conditional writes off: s3rver ignores them).</summary>
    public S3Storage Open(string bucket, int partSize = S3StorageOptions.MinPartSize, int maxParallelUploads = 4) =>
        new(_client!, bucket, Prefix, new S3StorageOptions { PartSize = partSize, MaxParallelUploads = maxParallelUploads, ConditionalWrites = false });

    /// <summary>The location text (<see cref="StorageLocation.Parse"/>) of a bucket under the tests' prefix.</summary>
    public string LocationText(string bucket) =>
        $"s3:{_s3rver!.Url}{bucket}/{Prefix}?access-key={Emulators.S3rverKey}&secret-key={Emulators.S3rverKey}&conditional-writes=false";

    /// <summary>The prefix every test storage is under.</summary>
    public const string Prefix = "runs/r1";
}
