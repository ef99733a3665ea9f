namespace Checkpoint.Storage;

/// <summary>What a storage knows about one committed object.</summary>
/// <param name="Name">The object's name (relative to the storage, see <see cref="StorageNames"/>).</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="LastModified">When it was last committed, when the backend says.</param>
/// <param name="Version">
/// An opaque token that changes whenever the object is replaced (the ETag on object stores), or null where the
/// backend has none (the local file system, whose open files keep reading the version they opened).
/// </param>
public sealed record StorageObjectInfo(string Name, long Length, DateTimeOffset? LastModified, string? Version);
