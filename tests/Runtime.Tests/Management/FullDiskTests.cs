using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class FullDiskTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.995)]
    public void AFullDiskFailsTheSaveClearlyAndLeavesEarlierStepsAndNoPartialStep(double fractionOfAStep)
    {
        using var dir = new TempDirectory();
        var disk = new FailingFileSystem(long.MaxValue);
        using var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { FileSystem = disk, KeepLast = 1 });
        manager.Save(1, new FilledModel(512).Fill(1), new FilledModel(512).Fill(10));
        var before = Entries(dir.Path);

        // The same content size as step 1, so the disk fills at that fraction of the new step (data or manifest).
        var stepBytes = disk.Written;
        disk.Budget = disk.Written + (long)(stepBytes * fractionOfAStep);
        var e = Assert.Throws<CheckpointException>(() => manager.Save(2, new FilledModel(512).Fill(2), new FilledModel(512).Fill(20)));

        Assert.Contains("step 2", e.Message);
        Assert.Contains("No space left on device", e.Message);
        Assert.Contains(dir.Path, e.Message);
        Assert.IsType<IOException>(e.InnerException);
        Assert.Equal(before, Entries(dir.Path));
        Assert.Equal([1L], manager.Steps);
        var model = new FilledModel(512);
        Assert.Equal(1, manager.Restore(model).Step);
        Assert.Equal(1, model.Value());
        Assert.True(manager.Verify(1).IsIntact);

        // Space freed: the next save works and retention proceeds as usual.
        disk.Budget = long.MaxValue;
        manager.Save(2, new FilledModel(512).Fill(2), new FilledModel(512).Fill(20));
        Assert.Equal([2L], manager.Steps);
    }

    [Fact]
    public void AFullDiskInTheBackgroundSurfacesAtTheNextCall()
    {
        using var dir = new TempDirectory();
        var disk = new FailingFileSystem(long.MaxValue);
        var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { FileSystem = disk, Async = true });
        manager.Save(1, new FilledModel(512).Fill(1));
        manager.Wait();
        disk.Budget = disk.Written + 10;
        manager.Save(2, new FilledModel(512).Fill(2));
        var e = Assert.Throws<CheckpointException>(() => manager.Wait());
        Assert.Contains("step 2", e.Message);
        Assert.Contains("No space left on device", e.Message);
        manager.Dispose();
        Assert.Equal([".lock", ".lock.owner", "step_00000001"], Entries(dir.Path));
    }
}
