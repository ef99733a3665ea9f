namespace Checkpoint.Storage;

/// <summary>
/// A lock that is a lease of limited duration (a blob lease, an S3 lock object with an expiry), renewed in the
/// background every third of <see cref="LeaseDuration"/>. A renewal that fails is retried at the next tick;
/// the lock is lost when the backend says it belongs to someone else, or when no renewal succeeded for a whole
/// lease duration (by then another holder may have taken it).
/// </summary>
public abstract class LeasedStorageLock : StorageLock
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _renewing;

    /// <summary>Creates the lock object for a lease that was just acquired.</summary>
    protected LeasedStorageLock(string name, string location, string ownerId, TimeSpan leaseDuration)
        : base(name, location, ownerId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        LeaseDuration = leaseDuration;
    }

    /// <summary>How long the lease lasts without renewal.</summary>
    public TimeSpan LeaseDuration { get; }

    /// <summary>Starts the background renewal; call once, right after the lease was acquired.</summary>
    protected void StartRenewing() => _renewing ??= Task.Run(RenewLoopAsync);

    /// <summary>Renews the lease; false when it is definitely no longer ours. Exceptions count as transient failures.</summary>
    protected abstract Task<bool> RenewAsync(CancellationToken cancellationToken);

    /// <summary>Frees the lease in the backend (best effort: an unreleased lease expires by itself).</summary>
    protected abstract ValueTask ReleaseLeaseAsync();

    /// <inheritdoc />
    protected sealed override async ValueTask ReleaseCoreAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_renewing is not null) await _renewing.ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            await ReleaseLeaseAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The lease expires by itself; a failed release only delays the next holder.
        }
    }

    private async Task RenewLoopAsync()
    {
        var interval = LeaseDuration / 3;
        var lastRenewed = DateTime.UtcNow;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                if (!await RenewAsync(_stop.Token).ConfigureAwait(false))
                {
                    MarkLost("the backend reports that it belongs to another holder now");
                    return;
                }

                lastRenewed = DateTime.UtcNow;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (DateTime.UtcNow - lastRenewed < LeaseDuration) continue;
                MarkLost($"it could not be renewed for {LeaseDuration.TotalSeconds:0} s ({e.Message})");
                return;
            }
        }
    }
}
