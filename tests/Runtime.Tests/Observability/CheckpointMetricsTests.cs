using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Observability;

[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>
/// Saves and loads publish their duration and size on the "Checkpoint" meter, tagged with the format, as any
/// OpenTelemetry or dotnet-counters listener sees them (a real MeterListener: <see cref="MeterRecorder"/>; real files).
/// Not run in parallel with other tests, whose saves would be measured too.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class CheckpointMetricsTests : IDisposable
{
    private readonly MeterRecorder _meters = new();
    private readonly TempDirectory _dir = new();

    public static TheoryData<string> Formats => new() { "msgpack", "npz", "npy", "safetensors" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_save_and_a_load_report_their_duration_and_file_size_with_the_format(string format)
    {
        var path = _dir.File("model." + format);
        var tensor = new NdArray<float>([1f, 2f, 3f, 4f], 2, 2);

        var written = Save(format, path, tensor);
        var savedBytes = new FileInfo(written).Length;
        Assert.Equal((CheckpointMetrics.SaveBytes, savedBytes, format), Single(CheckpointMetrics.SaveBytes));
        var (_, saveSeconds, saveFormat) = Single(CheckpointMetrics.SaveDuration);
        Assert.Equal(format, saveFormat);
        Assert.InRange(saveSeconds, double.Epsilon, 60);

        Load(format, written);
        Assert.Equal((CheckpointMetrics.LoadBytes, savedBytes, format), Single(CheckpointMetrics.LoadBytes));
        var (_, loadSeconds, loadFormat) = Single(CheckpointMetrics.LoadDuration);
        Assert.Equal(format, loadFormat);
        Assert.InRange(loadSeconds, double.Epsilon, 60);
    }

    [Fact]
    public async Task Loads_into_models_and_templates_and_background_saves_are_measured_too()
    {
        var path = _dir.File("neuron.msgpack");
        await MsgPackCheckpoint.SaveAsync(path, Neuron.Filled(2));
        MsgPackCheckpoint.Load(path, new Neuron());
        MsgPackCheckpoint.Restore(path, new Dictionary<string, object?>(), Mismatch.Ignore);

        Assert.Single(All(CheckpointMetrics.SaveBytes));
        Assert.Equal(2, All(CheckpointMetrics.LoadBytes).Count);
        Assert.All(All(CheckpointMetrics.LoadBytes), m => Assert.Equal(new FileInfo(path).Length, m.Value));
    }

    [Fact]
    public void A_failed_load_is_not_measured()
    {
        Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Load(_dir.File("missing.msgpack")));
        Assert.Empty(All(CheckpointMetrics.LoadDuration));
    }

    public void Dispose()
    {
        _meters.Dispose();
        _dir.Dispose();
    }

    private static string Save(string format, string path, NdArray<float> tensor) => format switch
    {
        "msgpack" => MsgPackCheckpoint.Save(path, new StateDict { { "w", tensor } }),
        "npz" => NpzCheckpoint.Save(path, new StateDict { { "w", tensor } }),
        "npy" => NpyCheckpoint.Save(path, tensor),
        "safetensors" => SafeTensorsCheckpoint.Save(path, new StateDict { { "w", tensor } }),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static void Load(string format, string path)
    {
        switch (format)
        {
            case "msgpack": MsgPackCheckpoint.LoadStateDict(path); break;
            case "npz": NpzCheckpoint.Load(path); break;
            case "npy": NpyCheckpoint.Load(path); break;
            case "safetensors": SafeTensorsCheckpoint.Load(path); break;
        }
    }

    private List<(string Instrument, double Value, string? Format)> All(string instrument) => _meters.All(instrument);

    private (string Instrument, double Value, string? Format) Single(string instrument) => Assert.Single(All(instrument));
}
