using System.IO.Hashing;
using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class SaveRestoreTests
{
    [Fact]
    public void SavedStepRestoresIntoAFreshModelWithItsMetricsAndMetadata()
    {
        using var dir = new TempDirectory();
        using (var manager = new CheckpointManager(dir.Path))
        {
            manager.Save(7, new FilledModel().Fill(7), new FilledModel(8).Fill(70), Metric("loss", 0.25),
                new Dictionary<string, object?> { ["run"] = "a", ["epoch"] = 3, ["lr"] = 0.5, ["tags"] = new[] { "x", "y" } });
        }

        using var reopened = new CheckpointManager(dir.Path);
        var model = new FilledModel();
        var optimizer = new FilledModel(8);
        var result = reopened.Restore(model, optimizer);

        Assert.Equal(7, result.Step);
        Assert.False(result.FellBack);
        Assert.Equal(7, model.Value());
        Assert.Equal(70, optimizer.Value());
        Assert.Equal(0.25, result.Metrics["loss"]);
        Assert.Equal("a", result.Metadata["run"]);
        Assert.Equal(3L, result.Metadata["epoch"]);
        Assert.Equal(0.5, result.Metadata["lr"]);
        Assert.Equal(new object?[] { "x", "y" }, (List<object?>)result.Metadata["tags"]!);
        Assert.True(result.ModelReport.IsClean);
        Assert.NotNull(result.OptimizerReport);
        Assert.Equal(StepDir(dir.Path, 7), result.StepDirectory);
    }

    [Fact]
    public void DataFilesArePlainMsgPackAndTheManifestRecordsTheirSizeAndXxHash128()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        manager.Save(3, new FilledModel().Fill(3), new FilledModel().Fill(30));

        var stepDir = StepDir(dir.Path, 3);
        Assert.Equal(["manifest.json", "model.msgpack", "optimizer.msgpack"], Entries(stepDir));
        var plain = MsgPackCheckpoint.LoadStateDict(Path.Combine(stepDir, "model.msgpack"));
        Assert.Equal(3f, ((NdArray<float>)((TensorNode)plain["weight"]).Tensor).Data[0]);

        var manifest = manager.GetManifest(3)!;
        foreach (var name in new[] { "model.msgpack", "optimizer.msgpack" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(stepDir, name));
            Assert.Equal(bytes.Length, manifest.Files[name].Size);
            Assert.Equal(Convert.ToHexString(XxHash128.Hash(bytes)).ToLowerInvariant(), manifest.Files[name].XxHash128);
        }

        Assert.Equal(LibraryInfo.Version, manifest.LibraryVersion);
        Assert.Equal(StepManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.InRange(manifest.SavedAtUtc, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains("\"step\": 3", Text(Path.Combine(stepDir, "manifest.json")));
    }

    [Fact]
    public void SaveRespectsTheIntervalUnlessForced()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { SaveInterval = 5 });
        var model = new FilledModel();
        var saved = Enumerable.Range(0, 12).Where(s => manager.Save(s, model.Fill(s))).Select(s => (long)s).ToList();
        Assert.Equal([0L, 5, 10], saved);
        Assert.True(manager.Save(11, model.Fill(11), force: true));
        Assert.Equal([0L, 5, 10, 11], manager.Steps);
        Assert.Equal(11, manager.LatestStep);
        Assert.False(manager.ShouldSave(-5));
    }

    [Fact]
    public void NegativeStepsAreRefused()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        Assert.Throws<ArgumentOutOfRangeException>(() => manager.Save(-1, new FilledModel(), force: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSelection.AtStep(-3));
        Assert.Equal([".lock", ".lock.owner"], Entries(dir.Path));
    }

    [Fact]
    public void SavingAnExistingStepReplacesIt()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        manager.Save(4, new FilledModel().Fill(1));
        manager.Save(4, new FilledModel().Fill(4));
        var model = new FilledModel();
        Assert.Equal(4, manager.Restore(model).Step);
        Assert.Equal(4, model.Value());
        Assert.Equal([".lock", ".lock.owner", "step_00000004"], Entries(dir.Path));
    }

    [Fact]
    public void RestoreOfAGivenStepAndOfAMissingStep()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        for (var s = 1; s <= 3; s++) manager.Save(s, new FilledModel().Fill(s));
        var model = new FilledModel();
        Assert.Equal(2, manager.Restore(model, selection: CheckpointSelection.AtStep(2)).Step);
        Assert.Equal(2, model.Value());
        Assert.Throws<CheckpointNotFoundException>(() => manager.Restore(model, selection: CheckpointSelection.AtStep(9)));
    }

    [Fact]
    public void EmptyDirectoryHasNothingToRestore()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        Assert.Null(manager.LatestStep);
        Assert.Null(manager.TryRestore(new FilledModel()));
        Assert.Throws<CheckpointNotFoundException>(() => manager.Restore(new FilledModel()));
    }

    [Fact]
    public void MetadataThatCannotBeWrittenFailsBeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        var e = Assert.Throws<CheckpointException>(() =>
            manager.Save(1, new FilledModel(), metadata: new Dictionary<string, object?> { ["bad"] = new object() }));
        Assert.Contains("metadata 'metadata.bad'", e.Message);
        Assert.Equal([".lock", ".lock.owner"], Entries(dir.Path));
    }

    [Fact]
    public void NonFiniteMetricsRoundTrip()
    {
        using var dir = new TempDirectory();
        using (var manager = new CheckpointManager(dir.Path))
            manager.Save(1, new FilledModel(), metrics: new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.NegativeInfinity });
        using var reopened = new CheckpointManager(dir.Path);
        var manifest = reopened.GetManifest(1)!;
        Assert.True(double.IsNaN(manifest.Metrics["a"]));
        Assert.Equal(double.NegativeInfinity, manifest.Metrics["b"]);
    }
}
