using Checkpoint.TestModels;
using System.Text;
using Checkpoint.Management;
using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// A manager on an object store holds a lease; once the lease is lost (its lock object taken over by another holder,
/// as after an expiry while the holder was stalled) it must not commit anything: the commit checks the lock last.
/// </summary>
public sealed class LostLockTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    [SkippableFact]
    public async Task A_manager_whose_lock_was_taken_over_commits_nothing()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        using var manager = new CheckpointManager(storage, new CheckpointManagerOptions { LockLeaseDuration = TimeSpan.FromSeconds(1.5) });
        manager.Save(1, new Layers().Fill(1));

        // Another holder's lock object replaces this one; the next renewal (every 0.5 s) finds out.
        var thief = $$"""{"owner":"elsewhere/1/thief","expires":"{{DateTimeOffset.UtcNow.AddMinutes(5):O}}"}""";
        await storage.WriteAsync(".lock", Encoding.UTF8.GetBytes(thief));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var e = Assert.Throws<CheckpointException>(() => manager.Save(2, new Layers().Fill(2)));
        Assert.Contains("was lost", e.Message);
        Assert.Contains("no partial step 2 was committed", e.Message);
        Assert.Equal([1L], CheckpointManager.VerifyStorage(storage).Select(v => v.Step));
        Assert.Null(await storage.GetInfoAsync("step_00000002/manifest.json"));
    }
}
