using Azure.Storage.Blobs;
using BenchmarkDotNet.Attributes;
using Checkpoint.Storage;
using Checkpoint.Storage.Azure;
using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.StorageBenchmarks;

/// <summary>
/// Writes the same 40 MiB object (the size of the runtime benchmarks' model) to each backend: the local disk is the
/// baseline; Azure (Azurite) and S3 (s3rver) upload 8 MiB blocks/parts with 4 in flight, and one at a time for
/// comparison. Emulator throughput is not a target (they are emulators); the ratio shows what the parallel path costs.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9)]
[MemoryDiagnoser]
public class UploadBenchmarks
{
    private const int PartSize = 8 * 1024 * 1024;

    private readonly byte[] _data = new byte[40 * 1024 * 1024];
    private string _root = "";
    private EmulatorProcess? _azurite;
    private EmulatorProcess? _s3rver;
    private LocalFileStorage _local = null!;
    private AzureBlobStorage _azureParallel = null!;
    private AzureBlobStorage _azureSequential = null!;
    private S3Storage _s3Parallel = null!;
    private S3Storage _s3Sequential = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        new Random(42).NextBytes(_data);
        _root = Path.Combine(Path.GetTempPath(), "ckpt-bench-" + Guid.NewGuid().ToString("N"));
        _local = new LocalFileStorage(_root);

        _azurite = await Emulators.StartAzuriteAsync();
        var container = new BlobContainerClient(Emulators.AzuriteConnectionString(_azurite), "bench");
        _azureParallel = new AzureBlobStorage(container, "", new AzureBlobStorageOptions { BlockSize = PartSize, MaxParallelUploads = 4 });
        _azureSequential = new AzureBlobStorage(container, "", new AzureBlobStorageOptions { BlockSize = PartSize, MaxParallelUploads = 1 });
        await _azureParallel.CreateContainerIfNotExistsAsync();

        _s3rver = await Emulators.StartS3rverAsync();
        var client = S3Storage.CreateCompatibleClient(_s3rver.Url, Emulators.S3rverKey, Emulators.S3rverKey);
        _s3Parallel = new S3Storage(client, "bench", "", new S3StorageOptions { PartSize = PartSize, MaxParallelUploads = 4, ConditionalWrites = false });
        _s3Sequential = new S3Storage(client, "bench", "", new S3StorageOptions { PartSize = PartSize, MaxParallelUploads = 1, ConditionalWrites = false });
        await _s3Parallel.CreateBucketIfNotExistsAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
        if (_s3rver is not null) await _s3rver.DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Local disk (temp file, fsync, rename, dir fsync)")]
    public Task<StorageObjectInfo> Local() => _local.WriteAsync("model.msgpack", _data);

    [Benchmark(Description = "Azurite: 8 MiB blocks, 4 in parallel, Put Block List")]
    public Task<StorageObjectInfo> AzureParallel() => _azureParallel.WriteAsync("model.msgpack", _data);

    [Benchmark(Description = "Azurite: 8 MiB blocks, 1 at a time")]
    public Task<StorageObjectInfo> AzureSequential() => _azureSequential.WriteAsync("model.msgpack", _data);

    [Benchmark(Description = "s3rver: 8 MiB parts, 4 in parallel, CompleteMultipartUpload")]
    public Task<StorageObjectInfo> S3Parallel() => _s3Parallel.WriteAsync("model.msgpack", _data);

    [Benchmark(Description = "s3rver: 8 MiB parts, 1 at a time")]
    public Task<StorageObjectInfo> S3Sequential() => _s3Sequential.WriteAsync("model.msgpack", _data);
}
