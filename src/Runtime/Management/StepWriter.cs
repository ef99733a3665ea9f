using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Management;

/// <summary>
/// Writes one step with the commit protocol of <c>docs/manager.md</c>:
/// <list type="number">
/// <item>create <c>.tmp-step_N-&lt;guid&gt;/</c> next to the steps;</item>
/// <item>write each data file there, hashing it on the way, and fsync it;</item>
/// <item>write <c>manifest.json</c> last and atomically (temporary name, fsync, rename), then fsync the staging directory;</item>
/// <item>rename the staging directory to <c>step_N/</c> (an existing <c>step_N/</c> is first renamed to
/// <c>.old-step_N-&lt;guid&gt;/</c> and deleted afterwards) and fsync the parent directory.</item>
/// </list>
/// Until the final rename nothing named <c>step_N</c> changes, so a crash, a kill or a full disk at any point
/// leaves the earlier steps as they were; a failed write removes its staging directory.
/// </summary>
internal sealed class StepWriter(string root, IManagerFileSystem fileSystem, SaveOptions writeOptions)
{
    public StepManifest Write(
        long step,
        IReadOnlyList<(string Name, StateNode Tree)> files,
        IReadOnlyDictionary<string, double> metrics,
        IReadOnlyDictionary<string, object?> metadata,
        CancellationToken cancellationToken)
    {
        // Metadata that cannot be written fails now, before any byte is written.
        _ = ManifestSerializer.ToBytes(Manifest(step, metrics, metadata, new Dictionary<string, ManifestFileEntry>()));

        var final = Path.Combine(root, StepNames.StepDirectory(step));
        var staging = Path.Combine(root, StepNames.Staging(StepNames.TempPrefix, step));
        try
        {
            fileSystem.CreateDirectory(staging);
            var entries = new Dictionary<string, ManifestFileEntry>(StringComparer.Ordinal);
            foreach (var (name, tree) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entries[name] = WriteData(Path.Combine(staging, name), tree, cancellationToken);
            }

            var manifest = Manifest(step, metrics, metadata, entries);
            WriteManifest(staging, ManifestSerializer.ToBytes(manifest));
            fileSystem.SyncDirectory(staging);
            cancellationToken.ThrowIfCancellationRequested();
            Commit(staging, final, step);
            return manifest;
        }
        catch
        {
            // Whatever failed, no partial step stays behind (a kill leaves the staging directory for the next open).
            SafeDelete.TryTree(fileSystem, staging);
            throw;
        }
    }

    private static StepManifest Manifest(
        long step, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, object?> metadata, Dictionary<string, ManifestFileEntry> files) =>
        new(step, DateTimeOffset.UtcNow, new Dictionary<string, double>(metrics, StringComparer.Ordinal),
            new Dictionary<string, object?>(metadata, StringComparer.Ordinal), StepManifest.CurrentFormatVersion, LibraryInfo.Version, files);

    private ManifestFileEntry WriteData(string path, StateNode tree, CancellationToken cancellationToken)
    {
        using var stream = fileSystem.CreateFile(path);
        var hashing = new HashingWriteStream(stream);
        MsgPackWriter.Write(hashing, tree, writeOptions, cancellationToken);
        hashing.Flush();
        fileSystem.FlushToDisk(stream);
        return new ManifestFileEntry(hashing.BytesWritten, hashing.HashHex);
    }

    private void WriteManifest(string directory, byte[] bytes)
    {
        var temp = Path.Combine(directory, "." + StepNames.ManifestFile + StepNames.TempPrefix + Guid.NewGuid().ToString("N"));
        using (var stream = fileSystem.CreateFile(temp))
        {
            stream.Write(bytes);
            stream.Flush();
            fileSystem.FlushToDisk(stream);
        }

        fileSystem.MoveFile(temp, Path.Combine(directory, StepNames.ManifestFile));
    }

    private void Commit(string staging, string final, long step)
    {
        string? old = null;
        if (Directory.Exists(final) || File.Exists(final))
        {
            old = Path.Combine(root, StepNames.Staging(StepNames.OldPrefix, step));
            fileSystem.MoveDirectory(final, old);
        }

        try
        {
            fileSystem.MoveDirectory(staging, final);
        }
        catch when (old is not null)
        {
            // Put the previous version back so the step does not vanish until the next open repairs it.
            fileSystem.MoveDirectory(old, final);
            throw;
        }

        fileSystem.SyncDirectory(root);
        if (old is not null) SafeDelete.TryTree(fileSystem, old);
    }
}
