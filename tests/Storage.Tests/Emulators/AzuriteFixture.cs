using Azure.Storage.Blobs;
using Checkpoint.Storage.Azure;

namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>One Azurite for a test class; each test gets a fresh container (and a prefix inside it).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private EmulatorProcess? _azurite;

    internal string ConnectionString => Emulators.AzuriteConnectionString(_azurite!);

    public async Task InitializeAsync()
    {
        if (Node.Executable is not null) _azurite = await Emulators.StartAzuriteAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    /// <summary>A storage in a new container under a prefix; skips the test without node.</summary>
    public async Task<AzureBlobStorage> NewStorageAsync(AzureBlobStorageOptions options)
    {
        Skip.If(_azurite is null, Node.MissingMessage);
        var container = new BlobContainerClient(ConnectionString, "c" + Guid.NewGuid().ToString("N"));
        var storage = new AzureBlobStorage(container, "runs/r1", options);
        await storage.CreateContainerIfNotExistsAsync();
        return storage;
    }
}
