using System.Runtime.CompilerServices;
using global::Azure;
using global::Azure.Storage.Blobs;
using global::Azure.Storage.Blobs.Models;
using global::Azure.Storage.Blobs.Specialized;

namespace Checkpoint.Storage.Azure;

/// <summary>
/// Objects as block blobs in an Azure Blob Storage container, optionally under a prefix (<c>runs/42</c> puts the
/// object <c>step_1/model.msgpack</c> at the blob <c>runs/42/step_1/model.msgpack</c>). Uploads stage blocks in
/// parallel and publish them with one Put Block List; reads of byte ranges are Get Blob requests with a range,
/// pinned to the ETag seen when the reader opened; the lock is a blob lease. docs/storage.md lists the guarantees.
/// </summary>
public sealed class AzureBlobStorage : ObjectStorage
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly AzureBlobStorageOptions _options;

    /// <summary>A storage in <paramref name="container"/> under <paramref name="prefix"/>.</summary>
    /// <param name="container">The container (its client carries the credentials).</param>
    /// <param name="prefix">A name every object is placed under, or empty for the container's root.</param>
    /// <param name="options">Block size and parallelism; null for the defaults.</param>
    public AzureBlobStorage(BlobContainerClient container, string prefix = "", AzureBlobStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _prefix = StorageNames.ValidatePrefix(prefix);
        _options = options ?? AzureBlobStorageOptions.Default;
        _options.Validate();
    }

    /// <summary>A storage from a connection string (an account key, a SAS, or Azurite's development account).</summary>
    public static AzureBlobStorage FromConnectionString(string connectionString, string containerName, string prefix = "", AzureBlobStorageOptions? options = null) =>
        new(new BlobContainerClient(connectionString, containerName), prefix, options);

    /// <summary>The container's URL and the prefix.</summary>
    public override string Location => _prefix.Length == 0 ? ContainerUrl : ContainerUrl + "/" + _prefix;

    private string ContainerUrl => _container.Uri.AbsoluteUri.TrimEnd('/');

    /// <summary>Creates the container unless it exists (the same as <see cref="CreateContainerIfNotExistsAsync"/>).</summary>
    public override Task PrepareAsync(CancellationToken cancellationToken = default) => CreateContainerIfNotExistsAsync(cancellationToken);

    /// <summary>Creates the container unless it exists.</summary>
    public async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(ContainerUrl, e);
        }
    }

    /// <inheritdoc />
    protected override string LocationOfCore(string name) => ContainerUrl + "/" + Key(name);

    /// <inheritdoc />
    protected override Task<StorageWriteStream> CreateCoreAsync(string name, StorageWriteOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<StorageWriteStream>(new AzureBlobWriteStream(
            _container.GetBlockBlobClient(Key(name)), name, LocationOfCore(name), options, _options));

    /// <inheritdoc />
    protected override async Task<StorageObjectInfo?> GetInfoCoreAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Blob(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new StorageObjectInfo(name, properties.ContentLength, properties.LastModified, properties.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == AzureErrors.NotFound)
        {
            return null;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override async Task<Stream> OpenReadCoreAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Blob(name).DownloadStreamingAsync(new BlobDownloadOptions(), cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == AzureErrors.NotFound)
        {
            throw NotFound(name, e);
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override async Task<StorageObjectReader> OpenReaderCoreAsync(string name, CancellationToken cancellationToken)
    {
        var info = await GetInfoCoreAsync(name, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
        return new AzureBlobReader(Blob(name), name, LocationOfCore(name), info.Length, new ETag(info.Version!));
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = KeyPrefix(prefix) }, cancellationToken);
        await foreach (var item in Translated(pages, prefix).ConfigureAwait(false))
        {
            if (!StorageNames.IsUnder(item.Name, _prefix)) continue;
            var properties = item.Properties;
            yield return new StorageObjectInfo(
                StorageNames.Relative(item.Name, _prefix), properties.ContentLength ?? 0, properties.LastModified, properties.ETag?.ToString());
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<string> ListPrefixesCoreAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new GetBlobsByHierarchyOptions { Prefix = KeyPrefix(prefix), Delimiter = StorageNames.Separator.ToString() };
        await foreach (var item in Translated(_container.GetBlobsByHierarchyAsync(options, cancellationToken), prefix).ConfigureAwait(false))
        {
            if (!item.IsPrefix) continue;
            var key = item.Prefix.TrimEnd(StorageNames.Separator);
            if (StorageNames.IsUnder(key, _prefix)) yield return StorageNames.Relative(key, _prefix);
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> DeleteCoreAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Failed(LocationOfCore(name), e);
        }
    }

    /// <inheritdoc />
    protected override Task<StorageLock> AcquireLockCoreAsync(string name, StorageLockOptions options, CancellationToken cancellationToken) =>
        AzureBlobLock.AcquireAsync(Blob(name), name, LocationOfCore(name), options, cancellationToken);

    private BlobClient Blob(string name) => _container.GetBlobClient(Key(name));

    private string Key(string name) => StorageNames.Join(_prefix, name);

    // Listing "a" must not return "ab": the service's prefix is textual, so it gets the separator.
    private string? KeyPrefix(string prefix)
    {
        var key = prefix.Length == 0 ? _prefix : Key(prefix);
        return key.Length == 0 ? null : key + StorageNames.Separator;
    }

    private async IAsyncEnumerable<T> Translated<T>(AsyncPageable<T> pages, string prefix)
        where T : notnull
    {
        var items = pages.GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false)) yield break;
                }
                catch (RequestFailedException e)
                {
                    throw AzureErrors.Failed(prefix.Length == 0 ? Location : LocationOfCore(prefix), e);
                }

                yield return items.Current;
            }
        }
        finally
        {
            await items.DisposeAsync().ConfigureAwait(false);
        }
    }
}
