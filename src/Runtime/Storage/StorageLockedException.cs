namespace Checkpoint.Storage;

/// <summary>A lock (<see cref="ObjectStorage.AcquireLockAsync"/>) is held by someone else. The message names the lock and, when known, its holder.</summary>
public sealed class StorageLockedException : CheckpointException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="location">The lock's full location.</param>
    /// <param name="holder">The holder's owner id, or null when it could not be read.</param>
    /// <param name="innerException">The backend's refusal, if any.</param>
    public StorageLockedException(string location, string? holder, Exception? innerException = null)
        : base($"{location} is locked by {(holder is null ? "another holder (unknown)" : holder)}; two writers must never share it.", innerException)
    {
        Location = location;
        Holder = holder;
    }

    /// <summary>The lock's full location.</summary>
    public string Location { get; }

    /// <summary>The holder's owner id, or null when unknown.</summary>
    public string? Holder { get; }
}
