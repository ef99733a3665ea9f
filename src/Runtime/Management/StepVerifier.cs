namespace Checkpoint.Management;

/// <summary>Reads a step's manifest and checks its data files against it.</summary>
internal static class StepVerifier
{
    private const long MaxManifestBytes = 16 << 20;

    /// <summary>Reads the manifest of <paramref name="stepDirectory"/>; returns null and a problem when it cannot be trusted.</summary>
    public static StepManifest? ReadManifest(string stepDirectory, long step, out string? problem)
    {
        var path = Path.Combine(stepDirectory, StepNames.ManifestFile);
        problem = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = $"{StepNames.ManifestFile} is missing (the step was never committed)";
                return null;
            }

            if (info.Length > MaxManifestBytes)
            {
                problem = $"{StepNames.ManifestFile} is {info.Length} bytes, too large to be a manifest";
                return null;
            }

            var manifest = ManifestSerializer.Parse(File.ReadAllBytes(path), path);
            if (manifest.Step != step)
            {
                problem = $"{StepNames.ManifestFile} is for step {manifest.Step}, but the directory is step {step}";
                return null;
            }

            foreach (var name in manifest.Files.Keys)
            {
                if (!IsPlainFileName(name))
                {
                    problem = $"{StepNames.ManifestFile} names a data file '{name}' outside the step directory";
                    return null;
                }
            }

            if (!manifest.Files.ContainsKey(StepNames.ModelFile))
            {
                problem = $"{StepNames.ManifestFile} lists no {StepNames.ModelFile}";
                return null;
            }

            return manifest;
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            problem = e is CheckpointException ? e.Message : $"{StepNames.ManifestFile} cannot be read: {e.Message}";
            return null;
        }
    }

    /// <summary>Checks the manifest and, when <paramref name="checkData"/>, every data file's size and XxHash128.</summary>
    public static StepVerification Verify(string stepDirectory, long step, bool checkData, CancellationToken cancellationToken)
    {
        var manifest = ReadManifest(stepDirectory, step, out var manifestProblem);
        if (manifest is null) return new StepVerification(step, stepDirectory, null, [manifestProblem!]);
        var problems = new List<string>();
        foreach (var (name, expected) in manifest.Files)
        {
            var path = Path.Combine(stepDirectory, name);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"{name} is missing");
                continue;
            }

            if (info.Length != expected.Size)
            {
                problems.Add($"{name} is {info.Length} bytes, the manifest says {expected.Size} ({(info.Length < expected.Size ? "truncated" : "overwritten or appended to")})");
                continue;
            }

            if (!checkData) continue;
            try
            {
                var actual = FileChecksum.Compute(path, cancellationToken);
                if (!string.Equals(actual.XxHash128, expected.XxHash128, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{name} has checksum {actual.XxHash128}, the manifest says {expected.XxHash128} (the data is corrupt)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{name} cannot be read: {e.Message}");
            }
        }

        return new StepVerification(step, stepDirectory, manifest, problems);
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', '\0']) < 0 && Path.GetFileName(name) == name && !Path.IsPathRooted(name);
}
