using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>convert</c> shows a progress bar for long work on a terminal only: output redirected to a file or a pipe holds no
/// escape codes, and NO_COLOR leaves colours out. The terminal is a real pseudo-terminal (util-linux's <c>script</c>).
/// </summary>
public sealed partial class ProgressTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _input;

    public ProgressTests()
    {
        // 48 MiB of array data: above the size from which a bar is shown.
        _input = LargeFile.WriteSparse(_folder["in.msgpack"], 1, [3, 4 << 20]);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Redirected_output_has_no_escape_codes()
    {
        var result = CliProcess.Run(new Dictionary<string, string> { ["TERM"] = "xterm-256color" }, "convert", _input, _folder["out.npz"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("wrote ", result.Output);
        Assert.DoesNotContain('\u001b', result.Output + result.Error);
    }

    [SkippableFact]
    public void A_terminal_shows_a_bar_that_reaches_100_percent()
    {
        var screen = OnTerminal(noColor: false);

        Assert.Contains("100%", screen);
        Assert.Matches(ColourCode(), screen);
        Assert.Contains("wrote ", screen);
    }

    [SkippableFact]
    public void No_color_leaves_colours_out()
    {
        var screen = OnTerminal(noColor: true);

        Assert.Contains("100%", screen);
        Assert.DoesNotMatch(ColourCode(), screen);
    }

    /// <summary>What a terminal receives from <c>checkpoint convert</c>, run under <c>script</c> (a pseudo-terminal).</summary>
    private string OnTerminal(bool noColor)
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "util-linux's script (a pseudo-terminal) is not installed");
        var output = _folder[noColor ? "plain.npz" : "colour.npz"];
        var run = ChildProcess.Run("/usr/bin/script", ["-qec", $"dotnet '{CliProcess.ToolPath}' convert '{_input}' '{output}'", "/dev/null"], start =>
        {
            start.Environment["TERM"] = "xterm-256color";
            start.Environment.Remove("NO_COLOR");
            if (noColor) start.Environment["NO_COLOR"] = "1";
        });
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        Assert.True(File.Exists(output));
        return run.Output;
    }

    [Fact]
    public async Task A_terminated_conversion_leaves_no_file_behind()
    {
        var input = LargeFile.WriteSparse(_folder["large.msgpack"], 4, [8192, 8192]);
        var output = _folder["out.npz"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliProcess.ToolPath, "convert", input, output }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Once the temporary file of the atomic write exists, the conversion is under way: stop it as a scheduler would.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_folder.Names().Any(name => name.StartsWith(".out.npz.tmp-", StringComparison.Ordinal)) && !process.HasExited && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
        if (process.HasExited) Assert.Fail($"the conversion ended before it could be stopped: {await stdout}{await stderr}");
        Assert.True(kill(process.Id, SIGTERM) == 0, $"kill: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(143, process.ExitCode);
        Assert.Contains("checkpoint: interrupted", await stderr);
        Assert.Equal(["in.msgpack", "large.msgpack"], _folder.Names());
    }

    private const int SIGTERM = 15;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    // SGR sequences (ESC [ ... m) set colours and styles; cursor movements are not colours.
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCode();
}
