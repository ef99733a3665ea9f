namespace Checkpoint.Cli.Output;

/// <summary>Names in a manager directory that interrupted saves or deletions left (the manager's staging prefixes).</summary>
internal static class DirectoryListing
{
    private static readonly string[] StagingPrefixes = [".tmp-step_", ".del-step_", ".old-step_"];

    public static IEnumerable<string> Unfinished(string directory) =>
        Directory.EnumerateFileSystemEntries(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => StagingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
}
