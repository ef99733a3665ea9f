using static Checkpoint.Runtime.Tests.Management.HostileEntries;
using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Finding 1 of issue 17: a FIFO (or a link to one) in a step must never block the manager, restore or verify.
/// A FIFO is not a regular file, so its step is damaged and the previous step is used.
/// </summary>
public class FifoTests
{
    [Fact]
    public void AFifoNamedManifestDoesNotBlockOpeningOrRestoring()
    {
        using var dir = TwoSteps();
        var fifo = ReplaceWithFifo(Path.Combine(StepDir(dir.Path, 2), "manifest.json"));

        var (steps, result, model) = Bounded(() =>
        {
            using var manager = new CheckpointManager(dir.Path);
            var model = new FilledModel(16);
            return (manager.Steps, manager.Restore(model), model);
        }, fifo);

        Assert.Equal([1L], steps);
        Assert.Equal(1, result.Step);
        Assert.Equal(1, model.Value());
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(2, skipped.Step);
        Assert.Contains("manifest.json", skipped.Summary);
        Assert.Contains("not a regular file", skipped.Summary);
    }

    [Fact]
    public void AFifoNamedManifestDoesNotBlockVerifyDirectory()
    {
        using var dir = TwoSteps();
        var fifo = ReplaceWithFifo(Path.Combine(StepDir(dir.Path, 2), "manifest.json"));

        var results = Bounded(() => CheckpointManager.VerifyDirectory(dir.Path), fifo);

        Assert.True(results[0].IsIntact);
        Assert.False(results[1].IsIntact);
        Assert.Contains("not a regular file", results[1].Summary);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFifoAsDataFileDoesNotBlockVerification(bool throughALink)
    {
        using var dir = TwoSteps();
        using var outside = new TempDirectory();
        var data = Path.Combine(StepDir(dir.Path, 2), "model.msgpack");
        File.Delete(data);
        var fifo = throughALink ? outside.Combine("pipe") : data;
        MakeFifo(fifo);
        if (throughALink) File.CreateSymbolicLink(data, fifo);
        // The attacker also rewrites the manifest so that the size check passes: whatever size a FileInfo reports
        // for the entry, and the hash of what a reader of the FIFO would get (nothing).
        RewriteManifest(StepDir(dir.Path, 2), m => m.WithFile("model.msgpack", new FileInfo(data).Length, Hash([])));

        var (verification, result) = Bounded(() =>
        {
            using var manager = new CheckpointManager(dir.Path);
            return (manager.Verify(2), manager.Restore(new FilledModel(16)));
        }, fifo);

        Assert.False(verification.IsIntact);
        Assert.Contains("model.msgpack", verification.Summary);
        Assert.Equal(1, result.Step);
        Assert.Equal(2, Assert.Single(result.Skipped).Step);
    }
}
