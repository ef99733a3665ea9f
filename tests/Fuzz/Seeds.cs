namespace Checkpoint.Fuzz;

/// <summary>Seed inputs shared by the targets.</summary>
internal static class Seeds
{
    /// <summary>The files Python braintools wrote (tests/Fixtures/braintools): every leaf kind, nesting, chunking.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> BraintoolsFixtures(string repository) =>
        Directory.EnumerateFiles(Path.Combine(repository, "tests", "Fixtures", "braintools"), "*.msgpack")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));

    /// <summary>
    /// The repository root: the nearest directory holding Checkpoint.sln above the current directory (run.sh runs
    /// from the root) or, failing that, above this program (a build inside the repository).
    /// </summary>
    public static string FindRepository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Checkpoint.sln"))) return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Checkpoint.sln above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}.");
    }
}
