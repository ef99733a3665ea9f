using Spectre.Console;

namespace Checkpoint.Cli.Output;

/// <summary>
/// A progress bar on the error stream for long work, drawn by Spectre.Console only when that stream is an interactive
/// terminal (<see cref="CliConsole.ProgressOnTerminal"/>): output redirected to a file or a pipe gets no escape codes,
/// and Spectre leaves colours out when <c>NO_COLOR</c> is set. Short work shows nothing.
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>Work smaller than this finishes too quickly for a bar to help.</summary>
    public const long MinimumBytes = 32L << 20;

    /// <summary>Runs <paramref name="work"/>, giving it a progress sink (bytes done) when a bar is shown, else null.</summary>
    public static T Run<T>(CliConsole console, string description, long totalBytes, Func<IProgress<long>?, T> work)
    {
        if (!console.ProgressOnTerminal || totalBytes < MinimumBytes) return work(null);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return terminal.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(TerminalText.Escape(description)), maxValue: totalBytes);
                var result = work(new TaskProgress(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    // Reports synchronously on the working thread (Progress<T> would post to the thread pool); ProgressTask is thread-safe.
    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = Math.Min(value, task.MaxValue);
    }
}
