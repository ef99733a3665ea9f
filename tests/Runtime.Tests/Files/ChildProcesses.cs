using System.Diagnostics;

namespace Checkpoint.Runtime.Tests.Files;

/// <summary>How to run the child programs under tests/ (CrashWriter, ResumeChild, LargeTensorChild, ...); where they are built is <see cref="Management.ChildProcesses.Dll"/>.</summary>
internal static class ChildProcesses
{
    /// <summary>The dotnet host running the tests.</summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>Starts <paramref name="project"/> with <paramref name="arguments"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Management.ChildProcesses.Dll(project));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>
    /// Runs <paramref name="project"/> to its end (or kills it after <paramref name="timeout"/>); fails the test unless it
    /// exits with 0. Returns its standard output and process id.
    /// </summary>
    public static async Task<(string Output, int ProcessId)> RunAsync(string project, TimeSpan timeout, params string[] arguments)
    {
        using var child = Process.Start(StartInfo(project, arguments))!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await child.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"{project} {string.Join(' ', arguments)} ran longer than {timeout}.");
        }

        var (output, errors) = (await stdout, await stderr);
        Assert.True(child.ExitCode == 0, $"{project} failed ({child.ExitCode}): {output}{errors}");
        return (output, child.Id);
    }
}
