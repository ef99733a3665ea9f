using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class AsyncTests
{
    [Fact]
    public async Task AsyncSavesSnapshotTheStateAndCompleteInOrder()
    {
        using var dir = new TempDirectory();
        await using (var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { Async = true, KeepLast = 2 }))
        {
            var model = new FilledModel(100_000);
            for (var s = 1; s <= 5; s++)
            {
                Assert.True(manager.Save(s, model.Fill(s)));
                // Training goes on at once; the saved step must still hold the value it had at Save.
                model.Fill(-1);
            }

            await manager.WaitAsync();
            Assert.False(manager.IsSaving);
            Assert.Equal([4L, 5], manager.Steps);
        }

        using var reopened = new CheckpointManager(dir.Path);
        var restored = new FilledModel(100_000);
        Assert.Equal(5, reopened.Restore(restored).Step);
        Assert.Equal(5, restored.Value());
        var four = new FilledModel(100_000);
        reopened.Restore(four, selection: CheckpointSelection.AtStep(4));
        Assert.Equal(4, four.Value());
    }
}
