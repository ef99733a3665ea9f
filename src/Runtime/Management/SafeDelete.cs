using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// Deletes the manager's own entries without ever leaving its directory: a symbolic link is removed itself,
/// never followed, and only entries inside a directory the manager named are removed.
/// </summary>
internal static class SafeDelete
{
    /// <summary>Deletes <paramref name="path"/> (a directory tree, a file or a link).</summary>
    public static void Tree(IManagerFileSystem fileSystem, string path) => LocalPaths.DeleteTree(fileSystem, path);

    /// <summary>Like <see cref="Tree"/>, but reports failure instead of throwing (cleanup after another failure).</summary>
    public static bool TryTree(IManagerFileSystem fileSystem, string path)
    {
        try
        {
            Tree(fileSystem, path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
