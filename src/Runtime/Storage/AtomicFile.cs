namespace Checkpoint.Storage;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a mix:
/// the data goes to a temporary file in the same directory (<c>.name.tmp-&lt;guid&gt;</c>), is flushed to disk,
/// then renamed over the target, and on Unix the directory is flushed too so the rename survives a power cut.
/// It is the local storage's write path (<see cref="LocalWriteStream"/>) for a file outside any storage root:
/// the library has one implementation of "write a file durably".
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

    /// <summary>
    /// Writes <paramref name="path"/> atomically with <paramref name="write"/>, creating missing directories.
    /// Nothing is left behind when <paramref name="write"/> throws or the token is cancelled.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the whole content to the stream it is given (seekable, as a file is).</param>
    /// <param name="overwrite">When false and the target exists, throws before writing anything.</param>
    /// <param name="cancellationToken">Checked before the rename; pass it on to <paramref name="write"/> too.</param>
    /// <returns>The full path of the target.</returns>
    /// <exception cref="CheckpointException">The target exists and <paramref name="overwrite"/> is false, or is a directory.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the target is unchanged.</exception>
    public static string Write(string path, Action<Stream> write, bool overwrite = true, CancellationToken cancellationToken = default) =>
        Write(path, write, overwrite, FileSidecar.Untouched, cancellationToken);

    /// <summary>The asynchronous form of <see cref="Write(string, Action{Stream}, bool, CancellationToken)"/>: the writes, the flush and the commit are awaited.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="overwrite">When false and the target exists, throws before writing anything.</param>
    /// <param name="cancellationToken">Checked before the rename and passed to <paramref name="write"/>.</param>
    public static Task<string> WriteAsync(
        string path, Func<Stream, CancellationToken, Task> write, bool overwrite = true, CancellationToken cancellationToken = default) =>
        WriteAsync(path, write, overwrite, FileSidecar.Untouched, cancellationToken);

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
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Busy or not ours to delete: left for the next sweep.
            }
        }

        return deleted;
    }

    /// <summary>
    /// Writes a checkpoint file: as <see cref="Write(string, Action{Stream}, bool, CancellationToken)"/>, and with its integrity sidecar (<see cref="ChecksumSidecar"/>)
    /// kept true: a stale <c>.sha256</c> is removed before the data is replaced, and with <paramref name="sidecar"/>
    /// <see cref="FileSidecar.Write"/> a new one, hashed while the bytes were written, is written after them.
    /// </summary>
    internal static string Write(string path, Action<Stream> write, bool overwrite, FileSidecar sidecar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = Create(path, overwrite, sidecar, out var fullPath);
        cancellationToken.ThrowIfCancellationRequested();
        write(file.Target);
        cancellationToken.ThrowIfCancellationRequested();
        file.Commit(cancellationToken);
        return fullPath;
    }

    /// <summary>The asynchronous form of <see cref="Write(string, Action{Stream}, bool, FileSidecar, CancellationToken)"/>.</summary>
    internal static async Task<string> WriteAsync(
        string path, Func<Stream, CancellationToken, Task> write, bool overwrite, FileSidecar sidecar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = Create(path, overwrite, sidecar, out var fullPath);
        await using (file.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await write(file.Target, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await file.CommitAsync(cancellationToken).ConfigureAwait(false);
            return fullPath;
        }
    }

    /// <summary>The temporary name used for <paramref name="fullPath"/>: <c>.name.tmp-&lt;guid&gt;</c> in the same directory.</summary>
    internal static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + TemporaryMarker + Guid.NewGuid().ToString("N"));

    private static ChecksummedWrite Create(string path, bool overwrite, FileSidecar sidecar, out string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fullPath = Path.GetFullPath(path);
        var stream = LocalWriteStream.ForFile(PhysicalLocalFileSystem.Instance, fullPath, new StorageWriteOptions { Overwrite = overwrite });
        return new ChecksummedWrite(stream, sidecar, sidecar == FileSidecar.Untouched ? SidecarPlace.None : new SidecarPlace.NextToFile(fullPath));
    }
}

/// <summary>What a checkpoint save does with the file's <see cref="ChecksumSidecar"/>.</summary>
internal enum FileSidecar
{
    /// <summary>Nothing: a plain file, not a checkpoint (<see cref="AtomicFile.Write(string, Action{Stream}, bool, CancellationToken)"/>).</summary>
    Untouched,

    /// <summary>A stale sidecar is deleted before the data is replaced; none is written.</summary>
    Remove,

    /// <summary>A stale sidecar is deleted before the data is replaced, and a new one written after it.</summary>
    Write,
}
