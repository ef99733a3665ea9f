using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Checkpoint.Storage.Azure;
using Checkpoint.Storage.Tests.Contract;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests;

/// <summary>What only Azure does: the blob is committed from a block list; the lock is a lease.</summary>
public sealed class AzureBlobBehaviourTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [SkippableFact]
    public async Task A_large_object_is_committed_as_a_list_of_blocks_under_the_prefix()
    {
        var storage = await azurite.NewStorageAsync(new AzureBlobStorageOptions { BlockSize = 1024 * 1024, MaxParallelUploads = 4 });
        var bytes = TestData.Bytes(10 * TestData.MiB + 5, seed: 1);

        await storage.WriteAsync("step_1/model.msgpack", bytes);

        var blob = Container(storage).GetBlockBlobClient("runs/r1/step_1/model.msgpack");
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Equal(11, blocks.CommittedBlocks.Count());
        Assert.Empty(blocks.UncommittedBlocks);
    }

    [SkippableFact]
    public async Task A_held_lock_is_a_lease_on_its_blob()
    {
        var storage = await azurite.NewStorageAsync(AzureBlobStorageOptions.Default);

        await using (await storage.AcquireLockAsync(".lock", new StorageLockOptions { LeaseDuration = TimeSpan.FromSeconds(15) }))
        {
            var properties = (await Container(storage).GetBlobClient("runs/r1/.lock").GetPropertiesAsync()).Value;
            Assert.Equal(LeaseState.Leased, properties.LeaseState);
        }

        var released = (await Container(storage).GetBlobClient("runs/r1/.lock").GetPropertiesAsync()).Value;
        Assert.NotEqual(LeaseState.Leased, released.LeaseState);
    }

    [SkippableFact]
    public async Task A_lease_outside_what_Azure_allows_is_refused()
    {
        var storage = await azurite.NewStorageAsync(AzureBlobStorageOptions.Default);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.AcquireLockAsync(".lock", new StorageLockOptions { LeaseDuration = TimeSpan.FromSeconds(5) }));
    }

    private BlobContainerClient Container(AzureBlobStorage storage) =>
        new(azurite.ConnectionString, new Uri(storage.Location).Segments[2].TrimEnd('/'));
}
