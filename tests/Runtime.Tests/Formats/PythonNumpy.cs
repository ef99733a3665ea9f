using System.Diagnostics;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// Runs Debian's Python with numpy (<c>/usr/bin/python3</c>; CI installs python3-numpy) for interop tests. The
/// Python on PATH may be another one without numpy, so the path is fixed.
/// </summary>
internal static class PythonNumpy
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Problem = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install -y python3-numpy)";
        try
        {
            Run("import numpy");
            return null;
        }
        catch (Exception e)
        {
            return $"{Python} has no numpy (apt-get install -y python3-numpy): {e.Message}";
        }
    });

    /// <summary>Why numpy cannot be used, or null when it can.</summary>
    public static string? WhyUnavailable => Problem.Value;

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>; returns standard output, throws with standard error on failure.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("python did not finish in 120 s");
        }

        if (process.ExitCode != 0) throw new InvalidOperationException($"python exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}

/// <summary>A fact that needs Python with numpy; skipped, saying why, only when it is absent.</summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    public NumpyFactAttribute()
    {
        if (PythonNumpy.WhyUnavailable is { } why) Skip = why;
    }
}

/// <summary>A theory that needs Python with numpy; skipped, saying why, only when it is absent.</summary>
public sealed class NumpyTheoryAttribute : TheoryAttribute
{
    public NumpyTheoryAttribute()
    {
        if (PythonNumpy.WhyUnavailable is { } why) Skip = why;
    }
}
