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
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-qec", $"dotnet '{CliProcess.ToolPath}' convert '{_input}' '{output}'", "/dev/null" }) start.ArgumentList.Add(arg);
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColor) start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "script did not finish");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error.Result}{screen.Result}");
        Assert.True(File.Exists(output));
        return screen.Result;
    }

    // SGR sequences (ESC [ ... m) set colours and styles; cursor movements are not colours.
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCode();
}
