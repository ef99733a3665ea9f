using Checkpoint.Formats.MsgPack;
using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// Writes one step through the storage's staged prefix (<see cref="ObjectStorage.StagePrefixAsync"/>), the commit
/// protocol of <c>docs/manager.md</c>: each data file is written durably into the staging, hashed on the way;
/// <c>manifest.json</c> is written last and publishes the step. On the local disk the staging is the directory
/// <c>.tmp-step_N-&lt;id&gt;/</c>, renamed to <c>step_N/</c> (an existing <c>step_N/</c> is first renamed to
/// <c>.old-step_N-&lt;guid&gt;/</c> and deleted afterwards); on object stores the files go under <c>step_N/</c> and
/// the step counts only once its manifest exists. A failed write abandons the staging; a kill leaves it for the
/// next open to remove.
/// </summary>
internal sealed class StepWriter(ObjectStorage storage, SaveOptions writeOptions)
{
    public async Task<StepManifest> WriteAsync(
        long step,
        IReadOnlyList<(string Name, StateNode Tree)> files,
        IReadOnlyDictionary<string, double> metrics,
        IReadOnlyDictionary<string, object?> metadata,
        Action beforeCommit,
        CancellationToken cancellationToken)
    {
        // Metadata that cannot be written fails now, before any byte is written.
        _ = ManifestSerializer.ToBytes(Manifest(step, metrics, metadata, new Dictionary<string, ManifestFileEntry>()));

        var staged = await storage.StagePrefixAsync(StepNames.StepDirectory(step), StepNames.ManifestFile, null, cancellationToken).ConfigureAwait(false);
        await using (staged.ConfigureAwait(false))
        {
            var entries = new Dictionary<string, ManifestFileEntry>(StringComparer.Ordinal);
            foreach (var (name, tree) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entries[name] = await WriteDataAsync(staged, name, tree, writeOptions, cancellationToken).ConfigureAwait(false);
            }

            var manifest = Manifest(step, metrics, metadata, entries);
            beforeCommit();
            await staged.CommitAsync(ManifestSerializer.ToBytes(manifest), cancellationToken).ConfigureAwait(false);
            return manifest;
        }
    }

    /// <summary>A manifest for a step being committed now.</summary>
    public static StepManifest Manifest(
        long step, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, object?> metadata, IReadOnlyDictionary<string, ManifestFileEntry> files) =>
        new(step, DateTimeOffset.UtcNow, new Dictionary<string, double>(metrics, StringComparer.Ordinal),
            new Dictionary<string, object?>(metadata, StringComparer.Ordinal), StepManifest.CurrentFormatVersion, LibraryInfo.Version,
            new Dictionary<string, ManifestFileEntry>(files, StringComparer.Ordinal));

    /// <summary>Writes one data file into a staging durably, hashing it on the way (it is never read back to checksum it).</summary>
    public static async Task<ManifestFileEntry> WriteDataAsync(StagedPrefix staged, string name, StateNode tree, SaveOptions options, CancellationToken cancellationToken)
    {
        var stream = await staged.CreateAsync(name, null, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var hashing = new HashingWriteStream(stream, xxHash128: true, sha256: false);
            MsgPackWriter.Write(hashing, tree, options, cancellationToken);
            await stream.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ManifestFileEntry(hashing.BytesWritten, hashing.XxHash128Hex);
        }
    }
}
