namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// Checkpoints on every storage backend: plain files saved and loaded through a storage
/// (<see cref="MsgPackCheckpoint"/>'s storage overloads), the <see cref="Management.CheckpointManager"/> on the storage
/// (the same guarantees as on the local disk), and sharded saves by several ranks. A subclass per backend supplies a
/// fresh, empty storage (Azurite and s3rver are real emulators; the tests skip without node).
/// </summary>
public abstract partial class CheckpointsOnStorage
{
    // The ranks of a sharded save run here as threads that block on storage calls (each would be a process of its
    // own); enough pool threads keep their requests' continuations from waiting for the pool to grow.
    static CheckpointsOnStorage() => ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount), Math.Max(64, Environment.ProcessorCount));

    /// <summary>A new, empty storage (skips the test when the backend is unavailable).</summary>
    protected abstract Task<ObjectStorage> NewStorageAsync();

    /// <summary>A second handle on the same storage, as another process would open it.</summary>
    protected abstract ObjectStorage Reopen(ObjectStorage storage);

    /// <summary>Replaces an object's bytes behind the library's back (a disk error, an operator's mistake).</summary>
    protected static async Task OverwriteAsync(ObjectStorage storage, string name, Func<byte[], byte[]> change)
    {
        var bytes = await Contract.TestData.ReadAllAsync(storage, name);
        await storage.WriteAsync(name, change(bytes));
    }

    protected static byte[] FlipBit(byte[] bytes, int offset)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] ^= 1;
        return copy;
    }
}
