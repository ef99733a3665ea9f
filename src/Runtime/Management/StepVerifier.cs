using Checkpoint.Storage;

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
            // Opened without following links and only as a regular file (a FIFO would block a plain read forever).
            var bytes = SafeFile.TryReadAllBytes(path, MaxManifestBytes);
            if (bytes is null)
            {
                problem = $"{StepNames.ManifestFile} is missing (the step was never committed)";
                return null;
            }

            var manifest = ManifestSerializer.Parse(bytes, path);
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
        if (SafeFile.IsLink(stepDirectory))
            return new StepVerification(step, stepDirectory, null, ["the step is a symbolic link; the manager never follows links"]);
        var manifest = ReadManifest(stepDirectory, step, out var manifestProblem);
        if (manifest is null) return new StepVerification(step, stepDirectory, null, [manifestProblem!]);
        var problems = new List<string>();
        foreach (var (name, expected) in manifest.Files)
        {
            if (VerifyFile(Path.Combine(stepDirectory, name), name, expected, checkData, cancellationToken) is { } problem)
                problems.Add(problem);
        }

        return new StepVerification(step, stepDirectory, manifest, problems);
    }

    // Size and checksum are taken from one handle, opened as a regular file without following links, so what is
    // checked is what is there (a link's own length, or a FIFO's zero, never passes for the data).
    private static string? VerifyFile(string path, string name, ManifestFileEntry expected, bool checkData, CancellationToken cancellationToken)
    {
        try
        {
            using var file = SafeFile.TryOpenRead(path);
            if (file is null) return $"{name} is missing";
            var length = RandomAccess.GetLength(file);
            if (length != expected.Size)
                return $"{name} is {length} bytes, the manifest says {expected.Size} ({(length < expected.Size ? "truncated" : "overwritten or appended to")})";
            if (!checkData) return null;
            var actual = FileChecksum.Compute(file, cancellationToken);
            return string.Equals(actual.XxHash128, expected.XxHash128, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"{name} has checksum {actual.XxHash128}, the manifest says {expected.XxHash128} (the data is corrupt)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{name} cannot be read: {e.Message}";
        }
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', '\0']) < 0 && Path.GetFileName(name) == name && !Path.IsPathRooted(name);
}
