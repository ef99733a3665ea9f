namespace Checkpoint.Storage;

/// <summary>Directory helpers of the local backend: creating missing directories (so their entries can be flushed) and deleting trees without following links.</summary>
internal static class LocalPaths
{
    /// <summary>Creates <paramref name="directory"/> and its missing parents; returns the ones it created, deepest first.</summary>
    public static IReadOnlyList<string> CreateDirectories(ILocalFileSystem fileSystem, string directory)
    {
        var missing = new List<string>();
        for (var current = directory; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
            missing.Add(current);
        if (missing.Count > 0) fileSystem.CreateDirectory(directory);
        return missing;
    }

    /// <summary>Whether an entry is a symbolic link (never followed: it could lead anywhere).</summary>
    public static bool IsLink(FileSystemInfo entry) => entry.LinkTarget is not null;

    /// <summary>The first directory between <paramref name="root"/> (excluded) and <paramref name="path"/> (excluded) that is a symbolic link, or null.</summary>
    public static string? LinkedDirectory(string root, string path)
    {
        for (var directory = Path.GetDirectoryName(path); directory is not null && directory.Length > root.Length; directory = Path.GetDirectoryName(directory))
        {
            if (new DirectoryInfo(directory).LinkTarget is not null) return directory;
        }

        return null;
    }

    /// <summary>Refuses a path below <paramref name="root"/> that goes through a linked directory (a step directory swapped for a link).</summary>
    /// <exception cref="UnsafeFileException">A directory on the way is a symbolic link.</exception>
    public static void ThrowIfLinkedDirectory(string root, string path)
    {
        if (LinkedDirectory(root, path) is { } linked) throw new UnsafeFileException(linked, "a symbolic link");
    }

    /// <summary>Deletes a tree: files and links are unlinked (a link's target is never touched), directories emptied then removed. Returns the number of files.</summary>
    public static int DeleteTree(ILocalFileSystem fileSystem, string path)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists || IsLink(directory))
        {
            if (IsLink(directory) || File.Exists(path))
            {
                fileSystem.DeleteFile(path);
                return 1;
            }

            return 0;
        }

        var files = 0;
        foreach (var entry in directory.EnumerateFileSystemInfos("*", Everything)) files += DeleteTree(fileSystem, entry.FullName);
        fileSystem.DeleteDirectory(path);
        return files;
    }

    /// <summary>Enumeration options that skip nothing (dot files are "hidden" on Unix) and do not recurse.</summary>
    public static EnumerationOptions Everything { get; } = new() { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = false };
}
