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
        var storage = Open("c" + Guid.NewGuid().ToString("N"), options);
        await storage.CreateContainerIfNotExistsAsync();
        return storage;
    }

    /// <summary>A storage on an existing container under the tests' prefix, as another process would open it.</summary>
    public AzureBlobStorage Open(string containerName, AzureBlobStorageOptions? options = null) =>
        new(new BlobContainerClient(ConnectionString, containerName), Prefix, options);

    /// <summary>The location text (<see cref="StorageLocation.Parse"/>) of a container under the tests' prefix.</summary>
    public string LocationText(string containerName) => $"azure:{ConnectionString}Container={containerName};Prefix={Prefix}";

    /// <summary>The prefix every test storage is under.</summary>
    public const string Prefix = "runs/r1";
}
