using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// Reads a step's manifest and checks its data files against it, on any storage. On the local disk every object is
/// opened without following links (the file, and each directory below the root) and only as a regular file, so a
/// link or a FIFO makes its step damaged, never followed or waited on.
/// </summary>
internal static class StepVerifier
{
    private const long MaxManifestBytes = 16 << 20;

    /// <summary>Reads the manifest of <paramref name="step"/>: the manifest, or why it cannot be trusted; <see cref="ManifestRead.Exists"/> is false when there is none (the step was never committed).</summary>
    public static async Task<ManifestRead> ReadManifestAsync(ObjectStorage storage, long step, CancellationToken cancellationToken)
    {
        var name = StepNames.InStep(step, StepNames.ManifestFile);
        try
        {
            var reader = await storage.OpenReaderAsync(name, cancellationToken).ConfigureAwait(false);
            byte[] bytes;
            await using (reader.ConfigureAwait(false))
            {
                if (reader.Length > MaxManifestBytes)
                    return Damaged($"{StepNames.ManifestFile} is {reader.Length} bytes, more than the {MaxManifestBytes} a manifest may have");
                bytes = new byte[reader.Length];
                await reader.ReadAsync(0, bytes, cancellationToken).ConfigureAwait(false);
            }

            var manifest = ManifestSerializer.Parse(bytes, reader.Location);
            return Check(manifest, step) is { } problem ? Damaged(problem) : new ManifestRead(true, manifest, null);
        }
        catch (CheckpointNotFoundException)
        {
            return new ManifestRead(false, null, $"{StepNames.ManifestFile} is missing (the step was never committed)");
        }
        catch (CheckpointException e)
        {
            return Damaged(e.Message);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return Damaged($"{StepNames.ManifestFile} cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Checks the manifest and the data files: every file's size, and when <paramref name="checkData"/> the
    /// XxHash128 of those <paramref name="needed"/> accepts (all when null; a restore that reads a few shards of a
    /// sharded step reads only those whole).
    /// </summary>
    public static async Task<StepVerification> VerifyAsync(
        ObjectStorage storage, long step, bool checkData, Func<string, bool>? needed, CancellationToken cancellationToken)
    {
        var location = storage.LocationOf(StepNames.StepDirectory(step));
        var read = await ReadManifestAsync(storage, step, cancellationToken).ConfigureAwait(false);
        if (read.Manifest is not { } manifest) return new StepVerification(step, location, null, [read.Problem!]);
        var problems = new List<string>();
        foreach (var (name, expected) in manifest.Files)
        {
            var hash = checkData && (needed?.Invoke(name) ?? true);
            if (await VerifyFileAsync(storage, StepNames.InStep(step, name), name, expected, hash, cancellationToken).ConfigureAwait(false) is { } problem)
                problems.Add(problem);
        }

        return new StepVerification(step, location, manifest, problems);
    }

    /// <summary>What is wrong with a manifest that parsed, or null.</summary>
    private static string? Check(StepManifest manifest, long step)
    {
        if (manifest.Step != step) return $"{StepNames.ManifestFile} is for step {manifest.Step}, but the directory is step {step}";
        foreach (var name in manifest.Files.Keys)
        {
            if (!StepNames.IsPlainFileName(name)) return $"{StepNames.ManifestFile} names a data file '{name}' outside the step directory";
        }

        if (manifest.Sharding is not { } sharding)
            return manifest.Files.ContainsKey(StepNames.ModelFile) ? null : $"{StepNames.ManifestFile} lists no {StepNames.ModelFile}";
        foreach (var name in sharding.Shards.Keys)
        {
            if (!manifest.Files.ContainsKey(name)) return $"{StepNames.ManifestFile} lists the shard {name} without its size and checksum";
        }

        return sharding.Shards.Values.Any(s => s.Part == ShardPart.Model) ? null : $"{StepNames.ManifestFile} lists no model shard";
    }

    // Size and checksum come from one reader, pinned to the object it opened, so what is checked is what is there.
    private static async Task<string?> VerifyFileAsync(ObjectStorage storage, string objectName, string name, ManifestFileEntry expected, bool checkData, CancellationToken cancellationToken)
    {
        try
        {
            var reader = await storage.OpenReaderAsync(objectName, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var length = reader.Length;
                if (length != expected.Size)
                    return $"{name} is {length} bytes, the manifest says {expected.Size} ({(length < expected.Size ? "truncated" : "overwritten or appended to")})";
                if (!checkData) return null;
                var actual = await FileChecksum.ComputeAsync(reader, cancellationToken).ConfigureAwait(false);
                return string.Equals(actual.XxHash128, expected.XxHash128, StringComparison.OrdinalIgnoreCase)
                    ? null
                    : $"{name} has checksum {actual.XxHash128}, the manifest says {expected.XxHash128} (the data is corrupt)";
            }
        }
        catch (CheckpointNotFoundException)
        {
            return $"{name} is missing";
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return $"{name} cannot be read: {e.Message}";
        }
    }

    private static ManifestRead Damaged(string problem) => new(true, null, problem);
}

/// <summary>What reading a step's manifest found.</summary>
/// <param name="Exists">Whether there is anything named like the manifest (false: the step was never committed).</param>
/// <param name="Manifest">The manifest, when it can be trusted.</param>
/// <param name="Problem">Why not, otherwise.</param>
internal sealed record ManifestRead(bool Exists, StepManifest? Manifest, string? Problem);
