using System.Globalization;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// Runs the real tool (<c>dotnet Checkpoint.Cli.dll</c>, copied next to the tests) as a child process: what a user's
/// shell sees, including the exit code of an exception that escapes, and the peak memory of the process.
/// </summary>
internal static class CliProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Checkpoint.Cli.dll");

    public static CliRunner.Result Run(params string[] args) => Run(null, args);

    /// <summary>Runs the tool with redirected output (not a terminal) and the given extra environment.</summary>
    public static CliRunner.Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args) => RunIn(null, environment, args);

    /// <summary>Runs the tool in <paramref name="workingDirectory"/> (relative names are resolved there).</summary>
    public static CliRunner.Result RunIn(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ChildProcess.Run("dotnet", [ToolPath, .. args], start =>
        {
            if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
            foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        });

    /// <summary>
    /// Runs the tool with its output discarded and returns its exit code and peak resident memory, as GNU time reports
    /// it (<c>%M</c>: the child's <c>ru_maxrss</c> from <c>wait4</c>, its VmHWM when it exited). The tool is started by
    /// time, a small process: a child spawned straight from the test host would start its record at the host's own
    /// resident size (Linux keeps the larger of the old and new image's high-water mark across exec).
    /// </summary>
    public static (int ExitCode, long PeakBytes) RunMeasured(params string[] args)
    {
        Assert.True(File.Exists(GnuTime), $"{GnuTime} is needed to measure peak memory (apt-get install time; .ci/run installs it).");
        var report = Path.GetTempFileName();
        try
        {
            var result = ChildProcess.Run(GnuTime, ["-f", "%M", "-o", report, "dotnet", ToolPath, .. args]);
            var kib = File.ReadAllLines(report).Last(line => line.Length > 0 && char.IsAsciiDigit(line[0]));
            return (result.ExitCode, long.Parse(kib, CultureInfo.InvariantCulture) * 1024);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
