using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// Every file-system write a manager on the local disk makes goes through this layer, so tests can make it fail
/// (a full disk after N bytes) and check that nothing partial is left behind. It is the local storage's layer
/// (<see cref="ILocalFileSystem"/>): the manager writes through <see cref="LocalFileStorage"/>, so the manager and
/// the storage fail and flush the same way. The one exception is the empty <c>.lock</c>, which the local lock
/// creates exclusively and never writes (reads go through <see cref="Storage.SafeFile"/>).
/// </summary>
internal interface IManagerFileSystem : ILocalFileSystem
{
    /// <summary>Renames a file, replacing the destination.</summary>
    void MoveFile(string source, string destination) => MoveFile(source, destination, overwrite: true);
}
