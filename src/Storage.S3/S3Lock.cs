using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Checkpoint.Storage.S3;

/// <summary>
/// A lock that is a small object holding its owner id and expiry time. With conditional writes it is taken by a
/// PUT with <c>If-None-Match: *</c> (exactly one writer wins), taken over when expired by a PUT with
/// <c>If-Match</c> on the expired version's ETag, renewed by a PUT with <c>If-Match</c> on the holder's own
/// ETag, and deleted on release. Without conditional writes each step is a read, a write and a read-back, which
/// detects a live holder but cannot exclude two holders that race (docs/storage.md). Expiry compares the
/// holder's clock (written) with the reader's (checked): clocks must agree to well within the lease duration.
/// </summary>
internal sealed class S3Lock : LeasedStorageLock
{
    private const int MaxLockBytes = 4096;

    private readonly S3Storage _storage;
    private readonly bool _conditional;
    private string _etag;

    private S3Lock(S3Storage storage, string name, string location, string ownerId, TimeSpan duration, string etag)
        : base(name, location, ownerId, duration)
    {
        _storage = storage;
        _conditional = storage.Options.ConditionalWrites;
        _etag = etag;
    }

    public static async Task<StorageLock> AcquireAsync(S3Storage storage, string name, StorageLockOptions options, CancellationToken cancellationToken)
    {
        var location = storage.LocationOf(name);
        var ownerId = options.ResolveOwnerId();
        var duration = options.LeaseDuration;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, nameof(options));
        var body = Body(ownerId, duration);
        string? etag;
        if (storage.Options.ConditionalWrites)
        {
            etag = await storage.PutSmallAsync(name, body, ifNoneMatch: "*", ifMatch: null, cancellationToken).ConfigureAwait(false);
            if (etag is null)
            {
                var current = await ReadAsync(storage, name, location, cancellationToken).ConfigureAwait(false);
                if (current is null || !current.Value.Expired)
                    throw new StorageLockedException(location, current?.Owner);
                etag = await storage.PutSmallAsync(name, body, ifNoneMatch: null, ifMatch: current.Value.ETag, cancellationToken).ConfigureAwait(false)
                    ?? throw new StorageLockedException(location, (await ReadAsync(storage, name, location, cancellationToken).ConfigureAwait(false))?.Owner);
            }
        }
        else
        {
            var current = await ReadAsync(storage, name, location, cancellationToken).ConfigureAwait(false);
            if (current is { Expired: false }) throw new StorageLockedException(location, current.Value.Owner);
            await storage.PutSmallAsync(name, body, null, null, cancellationToken).ConfigureAwait(false);
            var written = await ReadAsync(storage, name, location, cancellationToken).ConfigureAwait(false);
            if (written is null || written.Value.Owner != ownerId) throw new StorageLockedException(location, written?.Owner);
            etag = written.Value.ETag;
        }

        var held = new S3Lock(storage, name, location, ownerId, duration, etag);
        held.StartRenewing();
        return held;
    }

    protected override async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var body = Body(OwnerId, LeaseDuration);
        if (_conditional)
        {
            var etag = await _storage.PutSmallAsync(Name, body, null, ifMatch: _etag, cancellationToken).ConfigureAwait(false);
            if (etag is null) return false;
            _etag = etag;
            return true;
        }

        var current = await ReadAsync(_storage, Name, Location, cancellationToken).ConfigureAwait(false);
        if (current?.Owner != OwnerId) return false;
        _etag = await _storage.PutSmallAsync(Name, body, null, null, cancellationToken).ConfigureAwait(false) ?? _etag;
        return true;
    }

    // Deletes the lock only if this holder still owns it. By owner, not by ETag: a renewal cancelled by the release
    // may have reached the store anyway, leaving a version whose ETag this holder never saw (seen on s3rver under
    // load: the released lock stayed until its lease ran out). A check, then a delete: a holder whose lease expired
    // during that instant could delete its successor's lock, which the successor's next renewal notices.
    protected override async ValueTask ReleaseLeaseAsync()
    {
        var current = await ReadAsync(_storage, Name, Location, CancellationToken.None).ConfigureAwait(false);
        if (current?.Owner == OwnerId) await _storage.DeleteAsync(Name).ConfigureAwait(false);
    }

    private static byte[] Body(string ownerId, TimeSpan duration) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["owner"] = ownerId,
            ["expires"] = (DateTimeOffset.UtcNow + duration).ToString("O", CultureInfo.InvariantCulture),
        }, LockJson.Default.DictionaryStringString);

    // A lock object being renewed changes between the HEAD and the GET of a read: read again, a few times.
    private static async Task<(string Owner, bool Expired, string ETag)?> ReadAsync(S3Storage storage, string name, string location, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var info = await storage.GetInfoAsync(name, cancellationToken).ConfigureAwait(false);
            if (info is null) return null;
            if (info.Length > MaxLockBytes) throw NotALock(location);
            var bytes = new byte[info.Length];
            try
            {
                await storage.ReadRangeAsync(name, 0, bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointNotFoundException)
            {
                return null; // released between the two requests
            }
            catch (CheckpointException) when (attempt < 5)
            {
                continue; // replaced (renewed or taken over) between the two requests
            }

            return Parse(bytes, location, info.Version!);
        }
    }

    private static (string Owner, bool Expired, string ETag) Parse(byte[] bytes, string location, string etag)
    {
        try
        {
            var fields = JsonSerializer.Deserialize(bytes, LockJson.Default.DictionaryStringString);
            if (fields is null || !fields.TryGetValue("owner", out var owner) || !fields.TryGetValue("expires", out var expiresText)
                || !DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires))
                throw NotALock(location);
            return (owner, expires < DateTimeOffset.UtcNow, etag);
        }
        catch (JsonException e)
        {
            throw NotALock(location, e);
        }
    }

    private static CheckpointException NotALock(string location, Exception? cause = null) =>
        new($"{location} exists but is not a lock object written by this library (expected a small JSON object with 'owner' and 'expires'); remove it or choose another lock name.", cause);

}

/// <summary>The lock object's JSON, generated at compile time: no reflection, so the package is trimmable and AOT-safe.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LockJson : JsonSerializerContext;
