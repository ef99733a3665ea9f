namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>Finds node and npm on the PATH: the emulators are node programs.</summary>
internal static class Node
{
    /// <summary>Why emulator tests are skipped on a machine without node.</summary>
    public const string MissingMessage =
        "node is not on the PATH: the Azurite and s3rver emulators need it (.ci/run installs nodejs and npm with apt-get; locally: apt-get install nodejs npm).";

    /// <summary>The node executable, or null when there is none.</summary>
    public static string? Executable { get; } = Find("node");

    /// <summary>The npm executable, or null when there is none.</summary>
    public static string? Npm { get; } = Find("npm");

    private static string? Find(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd" } : [name];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names)
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path)) return path;
            }
        }

        return null;
    }
}
