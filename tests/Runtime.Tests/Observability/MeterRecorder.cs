using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Checkpoint.Runtime.Tests.Observability;

/// <summary>
/// Records every measurement of the "Checkpoint" meter with a real <see cref="MeterListener"/>, as OpenTelemetry or
/// dotnet-counters would see it: the instrument, the value and the format tag.
/// </summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Format)> _measurements = new();

    public MeterRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CheckpointMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement of <paramref name="instrument"/> so far, in order.</summary>
    public List<(string Instrument, double Value, string? Format)> All(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? format = null;
        foreach (var tag in tags)
        {
            if (tag.Key == CheckpointMetrics.FormatTag) format = tag.Value as string;
        }

        _measurements.Enqueue((instrument.Name, value, format));
    }
}
