namespace Checkpoint.Storage;

/// <summary>How a lock is taken (<see cref="ObjectStorage.AcquireLockAsync"/>).</summary>
public sealed class StorageLockOptions
{
    /// <summary>The defaults: an owner id made of machine, process and a random part; a 60-second lease.</summary>
    public static StorageLockOptions Default { get; } = new();

    /// <summary>Who holds the lock, as other holders' error messages show it; null for <c>machine/pid/random</c>.</summary>
    public string? OwnerId { get; init; }

    /// <summary>
    /// On object stores, how long the lock outlives its holder's last renewal: a crashed holder's lock frees
    /// itself after at most this long. The holder renews it every third of it in the background. Azure accepts
    /// 15 to 60 seconds. The local file system ignores it (the kernel frees a dead process's lock at once).
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The owner id to use.</summary>
    public string ResolveOwnerId() =>
        OwnerId ?? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
