namespace Checkpoint.Storage;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a mix:
/// the data goes to a temporary file in the same directory (<c>.name.tmp-&lt;guid&gt;</c>), is flushed to disk,
/// then renamed over the target, and on Unix the directory is flushed too so the rename survives a power cut.
/// </summary>
/// <remarks>
/// A process killed mid-write leaves the target untouched and at most one stray temporary file, whose name
/// starts with a dot and contains <c>.tmp-</c>; <see cref="IsTemporaryFile"/> recognises it and
/// <see cref="DeleteStaleTemporaryFiles"/> removes old ones. Such files are never valid checkpoints.
/// </remarks>
public static class AtomicFile
{
    /// <summary>The marker every temporary file name contains.</summary>
    public const string TemporaryMarker = ".tmp-";

    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Writes <paramref name="path"/> atomically with <paramref name="write"/>, creating missing directories.
    /// Nothing is left behind when <paramref name="write"/> throws or the token is cancelled.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="overwrite">When false and the target exists, throws before writing anything.</param>
    /// <param name="cancellationToken">Checked before the rename; pass it on to <paramref name="write"/> too.</param>
    /// <returns>The full path of the target.</returns>
    /// <exception cref="CheckpointException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the target is unchanged.</exception>
    public static string Write(string path, Action<Stream> write, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (fullPath, temp) = Prepare(path, overwrite);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (var stream = CreateTemporary(temp))
            {
                write(stream);
                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(temp, fullPath, overwrite);
            return fullPath;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The asynchronous form of <see cref="Write"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="overwrite">When false and the target exists, throws before writing anything.</param>
    /// <param name="cancellationToken">Checked before the rename and passed to <paramref name="write"/>.</param>
    public static async Task<string> WriteAsync(
        string path, Func<Stream, CancellationToken, Task> write, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (fullPath, temp) = Prepare(path, overwrite);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using (var stream = CreateTemporary(temp))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(temp, fullPath, overwrite);
            return fullPath;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Whether <paramref name="path"/> names a temporary file of an unfinished (or killed) atomic write.</summary>
    public static bool IsTemporaryFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.Contains(TemporaryMarker, StringComparison.Ordinal);
    }

    /// <summary>
    /// Deletes temporary files left in <paramref name="directory"/> by killed writers that are older than
    /// <paramref name="minimumAge"/> (so a write in progress in another process is not disturbed). Returns how many.
    /// </summary>
    public static int DeleteStaleTemporaryFiles(string directory, TimeSpan minimumAge)
    {
        if (!Directory.Exists(directory)) return 0;
        var deleted = 0;
        var cutoff = DateTime.UtcNow - minimumAge;
        foreach (var file in Directory.EnumerateFiles(directory, "." + "*" + TemporaryMarker + "*"))
        {
            if (!IsTemporaryFile(file) || File.GetLastWriteTimeUtc(file) > cutoff) continue;
            if (TryDelete(file)) deleted++;
        }

        return deleted;
    }

    /// <summary>The temporary name used for <paramref name="fullPath"/>: <c>.name.tmp-&lt;guid&gt;</c> in the same directory.</summary>
    internal static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + TemporaryMarker + Guid.NewGuid().ToString("N"));

    private static (string FullPath, string Temp) Prepare(string path, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new CheckpointException($"Cannot write checkpoint {fullPath}: it is a directory.");
        if (!overwrite && File.Exists(fullPath)) throw AlreadyExists(fullPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return (fullPath, TemporaryPathFor(fullPath));
    }

    private static FileStream CreateTemporary(string temp) =>
        new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.None);

    private static void Commit(string temp, string fullPath, bool overwrite)
    {
        try
        {
            File.Move(temp, fullPath, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(fullPath))
        {
            // Another writer created the target between the check and the rename.
            throw AlreadyExists(fullPath);
        }

        DirectorySync.Flush(Path.GetDirectoryName(fullPath)!);
    }

    private static CheckpointException AlreadyExists(string fullPath) =>
        new($"Checkpoint already exists: {fullPath} (pass overwrite: true to replace it).");

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
