using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class CorruptionTests
{
    private static TempDirectory ThreeSteps()
    {
        var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        for (var s = 1; s <= 3; s++) manager.Save(s, new FilledModel(256).Fill(s), new FilledModel(16).Fill(s * 10));
        return dir;
    }

    private static (RestoreResult Result, FilledModel Model) RestoreLatest(string path)
    {
        using var manager = new CheckpointManager(path);
        var model = new FilledModel(256);
        var result = manager.Restore(model, new FilledModel(16));
        return (result, model);
    }

    public static TheoryData<string> DataFiles => new() { "model.msgpack", "optimizer.msgpack" };

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void TruncatedDataFileFallsBackToThePreviousStep(string file)
    {
        using var dir = ThreeSteps();
        var path = Path.Combine(StepDir(dir.Path, 3), file);
        Truncate(path, new FileInfo(path).Length / 2);

        var (result, model) = RestoreLatest(dir.Path);

        Assert.Equal(2, result.Step);
        Assert.Equal(2, model.Value());
        Assert.True(result.FellBack);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(3, skipped.Step);
        Assert.Contains(file, skipped.Summary);
        Assert.Contains("truncated", skipped.Summary);
        Assert.Contains("step 3 is corrupt", result.Reason);
        Assert.Contains("fell back to step 2", result.Reason);
    }

    [Theory]
    [InlineData("model.msgpack", 0.1)]
    [InlineData("model.msgpack", 0.5)]
    [InlineData("model.msgpack", 0.99)]
    [InlineData("optimizer.msgpack", 0.7)]
    public void FlippedBitInADataFileIsDetected(string file, double where)
    {
        using var dir = ThreeSteps();
        var path = Path.Combine(StepDir(dir.Path, 3), file);
        FlipBit(path, (long)(new FileInfo(path).Length * where), bit: 3);

        var (result, model) = RestoreLatest(dir.Path);

        Assert.Equal(2, result.Step);
        Assert.Equal(2, model.Value());
        Assert.Contains("checksum", Assert.Single(result.Skipped).Summary);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void FlippedBitInAManifestIsDetected(double where)
    {
        using var dir = ThreeSteps();
        var path = Path.Combine(StepDir(dir.Path, 3), "manifest.json");
        FlipBit(path, (long)(new FileInfo(path).Length * where), bit: 1);

        var (result, model) = RestoreLatest(dir.Path);

        Assert.Equal(2, result.Step);
        Assert.Equal(2, model.Value());
        Assert.Contains("manifest", Assert.Single(result.Skipped).Summary);
    }

    [Fact]
    public void TruncatedOrEmptyManifestIsDetectedAndVerifyReportsIt()
    {
        using var dir = ThreeSteps();
        var manifest3 = Path.Combine(StepDir(dir.Path, 3), "manifest.json");
        Truncate(manifest3, new FileInfo(manifest3).Length - 10);
        Truncate(Path.Combine(StepDir(dir.Path, 2), "manifest.json"), 0);

        var (result, model) = RestoreLatest(dir.Path);
        Assert.Equal(1, result.Step);
        Assert.Equal(1, model.Value());
        Assert.Equal([3L, 2L], result.Skipped.Select(s => s.Step));

        var verified = CheckpointManager.VerifyDirectory(dir.Path);
        Assert.Equal([true, false, false], verified.Select(v => v.IsIntact));
    }

    [Fact]
    public void FallbackIsLoggedAsAWarningNamingTheDamagedStep()
    {
        using var dir = ThreeSteps();
        FlipBit(Path.Combine(StepDir(dir.Path, 3), "model.msgpack"), 50);
        var logger = new Checkpoint.Tests.State.TestLogger();
        using var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { Logger = logger });
        var result = manager.Restore(new FilledModel(256), new FilledModel(16));
        Assert.Equal(2, result.Step);
        var warnings = logger.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("step 3 is not intact") && w.Contains("checksum"));
        Assert.Contains(warnings, w => w.Contains("fell back to step 2"));
    }

    [Fact]
    public void MissingDataFileIsDetected()
    {
        using var dir = ThreeSteps();
        File.Delete(Path.Combine(StepDir(dir.Path, 3), "model.msgpack"));
        var (result, _) = RestoreLatest(dir.Path);
        Assert.Equal(2, result.Step);
        Assert.Contains("model.msgpack is missing", Assert.Single(result.Skipped).Summary);
    }

    [Fact]
    public void CorruptRequestedStepFallsBackToTheNewestIntactStepBeforeIt()
    {
        using var dir = ThreeSteps();
        FlipBit(Path.Combine(StepDir(dir.Path, 2), "model.msgpack"), 40);
        using var manager = new CheckpointManager(dir.Path);
        var model = new FilledModel(256);
        var result = manager.Restore(model, new FilledModel(16), CheckpointSelection.AtStep(2));
        Assert.Equal(1, result.Step);
        Assert.Equal(1, model.Value());
        Assert.Contains("before the requested step 2", result.Reason);

        var strict = CheckpointSelection.AtStep(2) with { AllowFallback = false };
        var e = Assert.Throws<CheckpointException>(() => manager.Restore(new FilledModel(256), new FilledModel(16), strict));
        Assert.Contains("step 2", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void WhenEveryStepIsCorruptRestoreSaysWhatIsWrongWithEach()
    {
        using var dir = ThreeSteps();
        for (var s = 1; s <= 3; s++) Truncate(Path.Combine(StepDir(dir.Path, s), "model.msgpack"), 5);
        using var manager = new CheckpointManager(dir.Path);
        var model = new FilledModel(256).Fill(99);
        var e = Assert.Throws<CheckpointException>(() => manager.Restore(model, new FilledModel(16)));
        foreach (var s in new[] { 1, 2, 3 }) Assert.Contains($"step {s}: model.msgpack is 5 bytes", e.Message);
        Assert.Equal(99, model.Value());
    }
}
