namespace Checkpoint;

/// <summary>The base of every exception this library throws on purpose.</summary>
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
/// A load found problems under <see cref="Mismatch.Error"/>. The message lists every problem with its path;
/// <see cref="Report"/> holds them. The target was not changed.
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

    private static string FormatMessage(LoadReport report, string? sourceName)
    {
        var where = sourceName is null ? "" : $" from {sourceName}";
        var lines = report.Problems.Select(p => "  - " + p);
        return $"Loading state{where} found {report.Problems.Count} problem(s); nothing was changed:"
            + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}
