namespace Checkpoint.Cli.Output;

/// <summary>Any exception as the one line the tool prints for it: the message (lines joined), escaped for a terminal.</summary>
internal static class ErrorLine
{
    public static string Of(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerException!;
        var message = exception switch
        {
            OperationCanceledException => "cancelled",
            // The library's exceptions and I/O errors say what is wrong in their message; anything else is a defect
            // of the tool, so its type is named too.
            CheckpointException or IOException or UnauthorizedAccessException => exception.Message,
            _ => $"unexpected {exception.GetType().Name}: {exception.Message}",
        };
        // Multi-line messages (a load's list of problems) become one line; a CR inside a name is escaped, not a break.
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return TerminalText.Escape(string.Join("; ", lines));
    }
}
