using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>The real file system, as the local storage uses it.</summary>
internal sealed class PhysicalManagerFileSystem : PhysicalLocalFileSystem, IManagerFileSystem
{
    private PhysicalManagerFileSystem()
    {
    }

    public static new PhysicalManagerFileSystem Instance { get; } = new();
}
