namespace Checkpoint.Storage.Tests.Contract;

public abstract partial class ObjectStorageContract
{
    [SkippableFact]
    public async Task A_lock_excludes_a_second_holder_until_it_is_released()
    {
        var storage = await NewStorageAsync();
        var first = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "trainer-A" });

        Assert.True(first.IsHeld);
        var refused = await Assert.ThrowsAsync<StorageLockedException>(() => storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "trainer-B" }));
        Assert.Equal("trainer-A", refused.Holder);
        Assert.Contains("trainer-A", refused.Message);
        first.ThrowIfLost();

        await first.ReleaseAsync();

        Assert.False(first.IsHeld);
        Assert.Throws<CheckpointException>(first.ThrowIfLost);
        await using var second = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "trainer-B" });
        Assert.True(second.IsHeld);
        Assert.Equal("trainer-B", second.OwnerId);
    }

    [SkippableFact]
    public async Task Locks_on_different_names_do_not_exclude_each_other()
    {
        var storage = await NewStorageAsync();

        await using var a = await storage.AcquireLockAsync("run_a/.lock");
        await using var b = await storage.AcquireLockAsync("run_b/.lock");

        Assert.True(a.IsHeld && b.IsHeld);
    }
}
