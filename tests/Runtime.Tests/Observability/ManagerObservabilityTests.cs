using Checkpoint.Management;
using Checkpoint.Runtime.Tests.Management;
using Checkpoint.Tests.State;
using Microsoft.Extensions.Logging;
using static Checkpoint.Runtime.Tests.Management.ManagerFiles;

namespace Checkpoint.Runtime.Tests.Observability;

/// <summary>
/// The checkpoint manager logs each event with its id from <see cref="CheckpointEvents"/> and measures a step's
/// save and each restore (one measurement each, the bytes of the step's files it wrote or read), on a real directory.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class ManagerObservabilityTests : IDisposable
{
    private readonly MeterRecorder _meters = new();
    private readonly TempDirectory _dir = new();
    private readonly TestLogger _logger = new();

    [Fact]
    public void Saves_retention_and_restores_log_their_event_ids()
    {
        using (var manager = new CheckpointManager(_dir.Path, new CheckpointManagerOptions { KeepLast = 1, Logger = _logger }))
        {
            manager.Save(1, new FilledModel().Fill(1));
            manager.Save(2, new FilledModel().Fill(2));
            manager.Restore(new FilledModel());
        }

        Assert.Equal(
            [
                (LogLevel.Information, CheckpointEvents.StepSaved),
                (LogLevel.Information, CheckpointEvents.StepSaved),
                (LogLevel.Information, CheckpointEvents.StepDeleted),
                (LogLevel.Information, CheckpointEvents.StepRestored),
            ],
            _logger.Entries.Select(e => (e.Level, e.EventId)));
        Assert.Contains("saved step 2", _logger.Entries[1].Message);
        Assert.Contains("deleted step 1", _logger.Entries[2].Message);
    }

    [Fact]
    public void A_restore_that_skips_a_damaged_step_warns_with_the_fallback_ids()
    {
        using (var manager = new CheckpointManager(_dir.Path))
        {
            manager.Save(1, new FilledModel().Fill(1));
            manager.Save(2, new FilledModel().Fill(2));
        }

        FlipBit(Path.Combine(StepDir(_dir.Path, 2), "model.msgpack"), 50);
        using var reopened = new CheckpointManager(_dir.Path, new CheckpointManagerOptions { Logger = _logger });
        var model = new FilledModel();
        reopened.Restore(model);

        Assert.Equal(1, model.Value());
        var warnings = _logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.EventId);
        Assert.Equal([CheckpointEvents.StepSkipped, CheckpointEvents.StepRestoredAfterFallback], warnings);
    }

    [Fact]
    public void A_step_save_and_a_restore_are_one_measurement_each_of_the_step_files()
    {
        using var manager = new CheckpointManager(_dir.Path);
        manager.Save(3, new FilledModel().Fill(3), new FilledModel(8).Fill(30));
        var files = new[] { "model.msgpack", "optimizer.msgpack" }.Select(f => new FileInfo(Path.Combine(StepDir(_dir.Path, 3), f)).Length).ToList();

        var save = Assert.Single(_meters.All(CheckpointMetrics.SaveBytes));
        Assert.Equal((files.Sum(), "msgpack"), (save.Value, save.Format));
        Assert.Single(_meters.All(CheckpointMetrics.SaveDuration));

        manager.Restore(new FilledModel(), new FilledModel(8));
        var load = Assert.Single(_meters.All(CheckpointMetrics.LoadBytes));
        Assert.Equal((files.Sum(), "msgpack"), (load.Value, load.Format));
        Assert.Single(_meters.All(CheckpointMetrics.LoadDuration));

        // Without the optimizer, a restore reads (and counts) the model file only.
        manager.Restore(new FilledModel());
        Assert.Equal(files[0], _meters.All(CheckpointMetrics.LoadBytes)[1].Value);
    }

    public void Dispose()
    {
        _meters.Dispose();
        _dir.Dispose();
    }
}
