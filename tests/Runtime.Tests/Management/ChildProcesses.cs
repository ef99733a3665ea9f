namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Where the child processes of the manager's crash tests and the sharded kill tests are built (tests/Storage.Tests
/// links this file too), and of every other child: Files/ChildProcesses starts them through it. Deliberately just the
/// lookup, so Storage.Tests can link it alone.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>The built dll of the child project <paramref name="project"/> (tests/NAME), in the same configuration and framework as the running tests.</summary>
    public static string Dll(string project)
    {
        // tests/<Tests>/bin/<Configuration>/<framework>/ -> tests/<project>/bin/<Configuration>/<framework>/<project>.dll
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent!.Name;
        var tests = baseDir.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, project, "bin", configuration, baseDir.Name, project + ".dll");
        Assert.True(File.Exists(path), $"child not built: {path}");
        return path;
    }
}
