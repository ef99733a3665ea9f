namespace Checkpoint.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="ObjectStorage"/> must do, run once per backend (a subclass per backend supplies a fresh,
/// empty storage for each test). The partial files group the tests: objects, uploads, readers, staging, locks.
/// </summary>
public abstract partial class ObjectStorageContract
{
    /// <summary>A new, empty storage whose uploads use parts of <see cref="PartSize"/> (skips the test when the backend is unavailable).</summary>
    protected abstract Task<ObjectStorage> NewStorageAsync();

    /// <summary>The part (block) size the storage from <see cref="NewStorageAsync"/> uploads with.</summary>
    protected abstract int PartSize { get; }

    /// <summary>Writes a small object and returns its bytes.</summary>
    protected static async Task<byte[]> PutAsync(ObjectStorage storage, string name, int length, int seed)
    {
        var bytes = TestData.Bytes(length, seed);
        await storage.WriteAsync(name, bytes);
        return bytes;
    }
}
