namespace Checkpoint.Cli;

/// <summary>
/// Where the tool writes: results to <see cref="Output"/>, errors and progress to <see cref="Error"/>. Progress bars are
/// drawn only when <see cref="ProgressOnTerminal"/> says the error stream is a terminal that can show them, so output
/// redirected to a file or a pipe never holds escape codes.
/// </summary>
/// <param name="Output">Results (what scripts read).</param>
/// <param name="Error">One-line errors, notes and progress.</param>
/// <param name="ProgressOnTerminal">Whether <see cref="Error"/> is an interactive terminal.</param>
/// <param name="HandleTermination">Whether Ctrl+C and SIGTERM cancel the running command (<see cref="Interruption"/>; the real process, not in-process runs).</param>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, bool ProgressOnTerminal = false, bool HandleTermination = false)
{
    /// <summary>The process's own console.</summary>
    public static CliConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        ProgressOnTerminal: !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or ""),
        HandleTermination: true);
}
