using Checkpoint.Storage.Tests.Contract;

namespace Checkpoint.Storage.Tests;

/// <summary>The contract on the local disk, in a fresh temporary directory per test.</summary>
public sealed class LocalFileStorageTests : ObjectStorageContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ckpt-local-" + Guid.NewGuid().ToString("N"));

    protected override int PartSize => 1024 * 1024;

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    protected override Task<ObjectStorage> NewStorageAsync() => Task.FromResult<ObjectStorage>(new LocalFileStorage(_root));
}
