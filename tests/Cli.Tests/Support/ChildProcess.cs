using System.Diagnostics;

namespace Checkpoint.Cli.Tests;

/// <summary>Runs a program to its end with its output captured, within a time limit.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>; <paramref name="configure"/> may set the environment or folder.</summary>
    public static CliRunner.Result Run(string program, IEnumerable<string> args, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in {Timeout}.");
        }

        return new CliRunner.Result(process.ExitCode, output.Result, error.Result);
    }
}
