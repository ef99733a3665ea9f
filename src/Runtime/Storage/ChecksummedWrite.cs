namespace Checkpoint.Storage;

/// <summary>
/// One checkpoint being written through a <see cref="StorageWriteStream"/> (a local file, an object) with its
/// <see cref="ChecksumSidecar"/> kept true: the bytes are hashed (SHA-256) as they pass when a sidecar is wanted;
/// before the commit a stale sidecar is removed; after it the new one is written. The sidecar lives where the
/// data does: next to a file, or as the object <c>name.sha256</c>.
/// </summary>
internal sealed class ChecksummedWrite : IDisposable, IAsyncDisposable
{
    private readonly FileSidecar _sidecar;
    private readonly SidecarPlace _place;
    private readonly HashingWriteStream? _hashing;

    public ChecksummedWrite(StorageWriteStream stream, FileSidecar sidecar, SidecarPlace place)
    {
        Stream = stream;
        _sidecar = sidecar;
        _place = place;
        if (sidecar == FileSidecar.Write) _hashing = new HashingWriteStream(stream, xxHash128: false, sha256: true);
    }

    /// <summary>The stream being committed.</summary>
    public StorageWriteStream Stream { get; }

    /// <summary>Where the format writes.</summary>
    public Stream Target => (Stream?)_hashing ?? Stream;

    /// <summary>Commits the content and then its sidecar.</summary>
    public StorageObjectInfo Commit(CancellationToken cancellationToken)
    {
        var sha256 = BeforeCommit();
        _place.DeleteAsync(cancellationToken).GetAwaiter().GetResult();
        var info = Stream is LocalWriteStream local ? local.Commit(cancellationToken) : Stream.CommitAsync(cancellationToken).GetAwaiter().GetResult();
        if (sha256 is not null) _place.WriteAsync(sha256, cancellationToken).GetAwaiter().GetResult();
        return info;
    }

    /// <summary>The asynchronous form of <see cref="Commit"/>.</summary>
    public async Task<StorageObjectInfo> CommitAsync(CancellationToken cancellationToken)
    {
        var sha256 = BeforeCommit();
        await _place.DeleteAsync(cancellationToken).ConfigureAwait(false);
        var info = await Stream.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (sha256 is not null) await _place.WriteAsync(sha256, cancellationToken).ConfigureAwait(false);
        return info;
    }

    public void Dispose()
    {
        _hashing?.Dispose();
        Stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_hashing is not null) await _hashing.DisposeAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
    }

    // The SHA-256 of the finished content: hashed as it was written, or read back once from the temporary file
    // when the writer patched bytes it had already written (npz headers are filled in after each member's data).
    private byte[]? BeforeCommit()
    {
        if (_sidecar == FileSidecar.Untouched) return null;
        if (_hashing is null) return null;
        if (_hashing.IsSequential) return _hashing.Sha256;
        if (Stream is not LocalWriteStream local) throw new InvalidOperationException($"{Stream.Location} was written out of order, which only a local file allows.");
        local.FlushBuffers();
        return ChecksumSidecar.Compute(local.TemporaryPath);
    }
}

/// <summary>Where a checkpoint's sidecar lives, and how it is removed and written there.</summary>
internal abstract class SidecarPlace
{
    /// <summary>No sidecar is touched (a plain file, not a checkpoint).</summary>
    public static SidecarPlace None { get; } = new Nowhere();

    /// <summary>Removes a stale sidecar (none is fine).</summary>
    public abstract Task DeleteAsync(CancellationToken cancellationToken);

    /// <summary>Writes the sidecar for <paramref name="sha256"/>.</summary>
    public abstract Task WriteAsync(byte[] sha256, CancellationToken cancellationToken);

    /// <summary>The sidecar next to a file.</summary>
    public sealed class NextToFile(string fullPath) : SidecarPlace
    {
        public override Task DeleteAsync(CancellationToken cancellationToken)
        {
            ChecksumSidecar.Delete(fullPath);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(byte[] sha256, CancellationToken cancellationToken)
        {
            ChecksumSidecar.Write(fullPath, sha256);
            return Task.CompletedTask;
        }
    }

    /// <summary>The sidecar object <c>name.sha256</c> of an object.</summary>
    public sealed class NextToObject(ObjectStorage storage, string name) : SidecarPlace
    {
        public override Task DeleteAsync(CancellationToken cancellationToken) => storage.DeleteAsync(name + ChecksumSidecar.Extension, cancellationToken);

        public override Task WriteAsync(byte[] sha256, CancellationToken cancellationToken) => ChecksumSidecar.WriteAsync(storage, name, sha256, cancellationToken);
    }

    private sealed class Nowhere : SidecarPlace
    {
        public override Task DeleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task WriteAsync(byte[] sha256, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
