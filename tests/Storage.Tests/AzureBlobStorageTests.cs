using Checkpoint.Storage.Azure;
using Checkpoint.Storage.Tests.Contract;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests;

/// <summary>The contract on Azure Blob Storage (Azurite), with 1 MiB blocks so large objects take many parallel blocks.</summary>
public sealed class AzureBlobStorageTests(AzuriteFixture azurite) : ObjectStorageContract, IClassFixture<AzuriteFixture>
{
    protected override int PartSize => 1024 * 1024;

    protected override async Task<ObjectStorage> NewStorageAsync() =>
        await azurite.NewStorageAsync(new AzureBlobStorageOptions { BlockSize = PartSize, MaxParallelUploads = 4 });
}
