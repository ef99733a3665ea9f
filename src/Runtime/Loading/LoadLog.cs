using Microsoft.Extensions.Logging;

namespace Checkpoint.Loading;

/// <summary>The warnings a load logs under <see cref="Mismatch.Warn"/> (event ids in <c>docs/observability.md</c>).</summary>
internal static partial class LoadLog
{
    /// <summary>Logs every problem of <paramref name="report"/>, one warning each.</summary>
    public static void Problems(ILogger logger, LoadReport report, string? sourceName)
    {
        var source = sourceName is null ? "" : " from " + sourceName;
        foreach (var problem in report.Problems) Problem(logger, source, problem);
    }

    [LoggerMessage(EventId = CheckpointEvents.LoadProblem, Level = LogLevel.Warning, Message = "Checkpoint load{Source}: {Problem}")]
    private static partial void Problem(ILogger logger, string source, LoadProblem problem);
}
