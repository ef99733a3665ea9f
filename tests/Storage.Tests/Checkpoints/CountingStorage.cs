using System.Collections.Concurrent;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// A real storage seen through a window that counts what is read: readers opened and ranged reads per object. Used
/// to check that loads read only what they need (one ranged read per large lazy array; only the needed shards).
/// </summary>
internal sealed class CountingStorage(ObjectStorage inner) : ObjectStorage
{
    public ConcurrentDictionary<string, int> ReadersOpened { get; } = new();

    public ConcurrentDictionary<string, int> RangedReads { get; } = new();

    public override string Location => inner.Location;

    public override bool PublishesPrefixesAtomically => inner.PublishesPrefixesAtomically;

    public int Opened(string name) => ReadersOpened.GetValueOrDefault(name);

    protected override string LocationOfCore(string name) => inner.LocationOf(name);

    protected override Task<StorageWriteStream> CreateCoreAsync(string name, StorageWriteOptions options, CancellationToken cancellationToken) =>
        inner.CreateAsync(name, options, cancellationToken);

    protected override Task<StorageObjectInfo?> GetInfoCoreAsync(string name, CancellationToken cancellationToken) => inner.GetInfoAsync(name, cancellationToken);

    protected override Task<Stream> OpenReadCoreAsync(string name, CancellationToken cancellationToken) => inner.OpenReadAsync(name, cancellationToken);

    protected override async Task<StorageObjectReader> OpenReaderCoreAsync(string name, CancellationToken cancellationToken)
    {
        ReadersOpened.AddOrUpdate(name, 1, (_, n) => n + 1);
        return new Counting(await inner.OpenReaderAsync(name, cancellationToken), this);
    }

    protected override IAsyncEnumerable<StorageObjectInfo> ListCoreAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    protected override IAsyncEnumerable<string> ListPrefixesCoreAsync(string prefix, CancellationToken cancellationToken) => inner.ListPrefixesAsync(prefix, cancellationToken);

    protected override Task<bool> DeleteCoreAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);

    protected override Task<int> DeletePrefixCoreAsync(string prefix, CancellationToken cancellationToken) => inner.DeletePrefixAsync(prefix, cancellationToken);

    protected override Task<int> DeletePublishedPrefixCoreAsync(string prefix, string markerName, CancellationToken cancellationToken) =>
        inner.DeletePublishedPrefixAsync(prefix, markerName, cancellationToken);

    protected override Task<IReadOnlyList<StagingRecovery>> RecoverStagingsCoreAsync(string parentPrefix, Func<string, bool> owns, CancellationToken cancellationToken) =>
        inner.RecoverStagingsAsync(parentPrefix, owns, cancellationToken);

    protected override Task<StagedPrefix> StagePrefixCoreAsync(string prefix, string markerName, string stagingId, bool joining, CancellationToken cancellationToken) =>
        inner.StagePrefixAsync(prefix, markerName, joining ? new StagingOptions { StagingId = stagingId } : null, cancellationToken);

    protected override Task<StorageLock> AcquireLockCoreAsync(string name, StorageLockOptions options, CancellationToken cancellationToken) =>
        inner.AcquireLockAsync(name, options, cancellationToken);

    private sealed class Counting(StorageObjectReader reader, CountingStorage owner) : StorageObjectReader(reader.Name, reader.Location, reader.Length)
    {
        protected override ValueTask ReadCoreAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            Count();
            return reader.ReadAsync(offset, destination, cancellationToken);
        }

        protected override void ReadCore(long offset, Span<byte> destination)
        {
            Count();
            reader.Read(offset, destination);
        }

        protected override void Close() => reader.Dispose();

        private void Count() => owner.RangedReads.AddOrUpdate(reader.Name, 1, (_, n) => n + 1);
    }
}
