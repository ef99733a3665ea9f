using Microsoft.Extensions.Logging;

namespace Checkpoint.Tests.State;

/// <summary>Records every log call (level, message, event id), so tests can check what was logged.</summary>
internal sealed class TestLogger : ILogger
{
    public List<(LogLevel Level, string Message, int EventId)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception), eventId.Id));
}
