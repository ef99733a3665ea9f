using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Checkpoint;

/// <summary>
/// The library's metrics: how long saves and loads take and how many bytes they move, on the
/// <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>, so OpenTelemetry
/// (<c>.WithMetrics(m =&gt; m.AddMeter(CheckpointMetrics.MeterName))</c>) and <c>dotnet-counters monitor --counters Checkpoint</c>
/// see them without another package. Every measurement carries the tag <see cref="FormatTag"/>
/// (<c>msgpack</c>, <c>npz</c>, <c>npy</c> or <c>safetensors</c>). See <c>docs/observability.md</c>.
/// </summary>
/// <remarks>
/// Only operations that succeed are measured, from the facades that name a file (<see cref="MsgPackCheckpoint"/>,
/// <see cref="NpzCheckpoint"/>, <see cref="NpyCheckpoint"/>, <see cref="SafeTensorsCheckpoint"/>,
/// <see cref="TrainingCheckpoint"/>, <see cref="AsyncCheckpointer"/>) and the checkpoint manager (a step's save or
/// restore is one measurement); streams and lazily opened files are not. With
/// no listener, a measurement costs one flag test.
/// </remarks>
public static class CheckpointMetrics
{
    /// <summary>The name of the meter: <c>Checkpoint</c>.</summary>
    public const string MeterName = "Checkpoint";

    /// <summary>Histogram, seconds: writing one checkpoint file, from the first byte to the file in place (fsync and rename included).</summary>
    public const string SaveDuration = "checkpoint.save.duration";

    /// <summary>Histogram, bytes: the size of each checkpoint file written.</summary>
    public const string SaveBytes = "checkpoint.save.bytes";

    /// <summary>Histogram, seconds: loading one checkpoint file, from opening it to the target filled (or the tree read).</summary>
    public const string LoadDuration = "checkpoint.load.duration";

    /// <summary>Histogram, bytes: the size of each checkpoint file loaded.</summary>
    public const string LoadBytes = "checkpoint.load.bytes";

    /// <summary>The tag every measurement carries: the file format (<c>msgpack</c>, <c>npz</c>, <c>npy</c>, <c>safetensors</c>).</summary>
    public const string FormatTag = "format";

    internal const string MsgPack = "msgpack", Npz = "npz", Npy = "npy", SafeTensors = "safetensors";

    private static readonly Meter Meter = new(MeterName, LibraryInfo.Version);
    private static readonly Histogram<double> SaveSeconds = Seconds(SaveDuration, "Time to write one checkpoint file");
    private static readonly Histogram<long> SaveSizes = Bytes(SaveBytes, "Size of each checkpoint file written");
    private static readonly Histogram<double> LoadSeconds = Seconds(LoadDuration, "Time to load one checkpoint file");
    private static readonly Histogram<long> LoadSizes = Bytes(LoadBytes, "Size of each checkpoint file loaded");

    /// <summary>A save of <paramref name="format"/> that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) wrote <paramref name="fullPath"/>.</summary>
    internal static void Saved(string format, string fullPath, long startTimestamp) => Record(SaveSeconds, SaveSizes, format, fullPath, null, startTimestamp);

    /// <summary>A save that wrote <paramref name="bytes"/> bytes in several files: one step of the checkpoint manager.</summary>
    internal static void Saved(string format, long bytes, long startTimestamp) => Record(SaveSeconds, SaveSizes, format, null, bytes, startTimestamp);

    /// <summary>A load of <paramref name="format"/> that started at <paramref name="startTimestamp"/> read <paramref name="fullPath"/>.</summary>
    internal static void Loaded(string format, string fullPath, long startTimestamp) => Record(LoadSeconds, LoadSizes, format, fullPath, null, startTimestamp);

    /// <summary>A load that read <paramref name="bytes"/> bytes of several files: one restore of the checkpoint manager.</summary>
    internal static void Loaded(string format, long bytes, long startTimestamp) => Record(LoadSeconds, LoadSizes, format, null, bytes, startTimestamp);

    private static void Record(Histogram<double> duration, Histogram<long> sizes, string format, string? fullPath, long? bytes, long startTimestamp)
    {
        var tag = new KeyValuePair<string, object?>(FormatTag, format);
        if (duration.Enabled) duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
        if (!sizes.Enabled) return;
        bytes ??= Length(fullPath!);
        if (bytes is { } size) sizes.Record(size, tag);
    }

    // Stat the file only when someone listens; a file replaced or removed meanwhile is simply not measured.
    private static long? Length(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Seconds, as OpenTelemetry's conventions ask; the default buckets (0 to 10,000) are made for milliseconds, so
    // .NET 9+ advises buckets from 1 ms to 10 min (on .NET 8, set them with an OpenTelemetry view).
    private static Histogram<double> Seconds(string name, string description) =>
#if NET9_0_OR_GREATER
        Meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
        });
#else
        Meter.CreateHistogram<double>(name, "s", description);
#endif

    // Checkpoints range from bytes to hundreds of GiB: buckets by powers of four from 1 KiB to 1 TiB.
    private static Histogram<long> Bytes(string name, string description) =>
#if NET9_0_OR_GREATER
        Meter.CreateHistogram(name, "By", description, tags: null, new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = [.. Enumerable.Range(0, 16).Select(i => 1024L << (2 * i))],
        });
#else
        Meter.CreateHistogram<long>(name, "By", description);
#endif
}
