using Checkpoint.Storage;

namespace Checkpoint.Formats;

/// <summary>Opening checkpoint files for the array formats' facades.</summary>
internal static class FormatFiles
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for reading, with the library's errors for missing and unfinished files.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointException">The path is the temporary file of an unfinished save.</exception>
    public static FileStream OpenRead(string path, out string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fullPath = Path.GetFullPath(path);
        if (AtomicFile.IsTemporaryFile(fullPath))
            throw new CheckpointException($"{fullPath} is the temporary file of an unfinished save, not a checkpoint.");
        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointNotFoundException(fullPath, e);
        }
    }
}
