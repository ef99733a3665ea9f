using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Contract;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests;

/// <summary>The contract on S3 (s3rver), with the smallest parts S3 allows so large objects take several parallel parts.</summary>
public sealed class S3StorageTests(S3rverFixture s3rver) : ObjectStorageContract, IClassFixture<S3rverFixture>
{
    protected override int PartSize => S3StorageOptions.MinPartSize;

    protected override async Task<ObjectStorage> NewStorageAsync() => await s3rver.NewStorageAsync(PartSize);
}
