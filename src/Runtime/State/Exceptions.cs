namespace Checkpoint;

/// <summary>
/// The base of every exception this library throws on purpose, except <see cref="CheckpointNotFoundException"/>,
/// which is a <see cref="FileNotFoundException"/> so that the catch users already write for missing files catches it.
/// </summary>
public class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A load found problems under <see cref="Mismatch.Error"/>. The message lists the problems with their paths (the
/// first 50, then how many more); <see cref="Report"/> holds them all. The target was not changed.
/// </summary>
public sealed class StateMismatchException : CheckpointException
{
    /// <summary>Creates the exception from a report.</summary>
    public StateMismatchException(LoadReport report, string? sourceName = null)
        : base(FormatMessage(report, sourceName))
    {
        Report = report;
    }

    /// <summary>What the load found.</summary>
    public LoadReport Report { get; }

    /// <summary>How many problems the message lists; the report holds the rest.</summary>
    public const int MaxProblemsInMessage = 50;

    private static string FormatMessage(LoadReport report, string? sourceName)
    {
        var where = sourceName is null ? "" : $" from {sourceName}";
        var lines = report.Problems.Take(MaxProblemsInMessage).Select(p => "  - " + p);
        var rest = report.Problems.Count - MaxProblemsInMessage;
        var more = rest > 0 ? Environment.NewLine + $"  ... and {rest} more (StateMismatchException.Report lists them all)" : "";
        return $"Loading state{where} found {report.Problems.Count} problem(s); nothing was changed:"
            + Environment.NewLine + string.Join(Environment.NewLine, lines) + more;
    }
}
