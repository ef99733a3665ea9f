namespace Checkpoint.Storage.Tests.Contract;

public abstract partial class ObjectStorageContract
{
    private static readonly byte[] Manifest = TestData.Utf8("{\"step\": 1}");

    [SkippableFact]
    public async Task A_staged_prefix_is_published_with_its_marker_by_the_commit()
    {
        var storage = await NewStorageAsync();
        var model = TestData.Bytes(2 * PartSize + 9, seed: 1);

        await using (var staged = await storage.StagePrefixAsync("step_1", "manifest.json"))
        {
            await staged.WriteAsync("model.msgpack", (s, t) => s.WriteAsync(model, t).AsTask());
            await staged.WriteAsync("optimizer/state.msgpack", (s, t) => s.WriteAsync(Manifest, t).AsTask());
            Assert.Null(await storage.GetInfoAsync("step_1/manifest.json"));
            Assert.Equal(["model.msgpack", "optimizer/state.msgpack"], await TestData.NamesAsync(staged.ListAsync()));

            await staged.CommitAsync(Manifest);

            Assert.True(staged.IsCommitted);
        }

        Assert.Equal(["step_1/manifest.json", "step_1/model.msgpack", "step_1/optimizer/state.msgpack"], await TestData.NamesAsync(storage.ListAsync()));
        Assert.Equal(model, await TestData.ReadAllAsync(storage, "step_1/model.msgpack"));
        Assert.Equal(Manifest, await TestData.ReadAllAsync(storage, "step_1/manifest.json"));
    }

    [SkippableFact]
    public async Task A_staging_that_is_never_committed_leaves_no_marker_and_none_of_its_objects()
    {
        var storage = await NewStorageAsync();

        await using (var staged = await storage.StagePrefixAsync("step_2", "manifest.json"))
        {
            await staged.WriteAsync("model.msgpack", (s, t) => s.WriteAsync(TestData.Bytes(1000, 2), t).AsTask());
        }

        Assert.Null(await storage.GetInfoAsync("step_2/manifest.json"));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task Restaging_a_prefix_replaces_its_previous_version()
    {
        var storage = await NewStorageAsync();
        await using (var old = await storage.StagePrefixAsync("step_3", "manifest.json"))
        {
            await old.WriteAsync("a", (s, t) => s.WriteAsync(TestData.Bytes(10, 1), t).AsTask());
            await old.WriteAsync("b", (s, t) => s.WriteAsync(TestData.Bytes(10, 2), t).AsTask());
            await old.CommitAsync(Manifest);
        }

        var newA = TestData.Bytes(20, 3);
        await using (var replacement = await storage.StagePrefixAsync("step_3", "manifest.json"))
        {
            await replacement.WriteAsync("a", (s, t) => s.WriteAsync(newA, t).AsTask());
            await replacement.WriteAsync("c", (s, t) => s.WriteAsync(TestData.Bytes(10, 4), t).AsTask());
            await replacement.CommitAsync(TestData.Utf8("{\"step\": 3}"));
        }

        Assert.Equal(["step_3/a", "step_3/c", "step_3/manifest.json"], await TestData.NamesAsync(storage.ListAsync()));
        Assert.Equal(newA, await TestData.ReadAllAsync(storage, "step_3/a"));
    }

    [SkippableFact]
    public async Task Participants_joining_a_staging_by_id_are_published_by_one_commit()
    {
        var storage = await NewStorageAsync();
        await using var coordinator = await storage.StagePrefixAsync("step_4", "manifest.json");
        await using (var rank1 = await storage.StagePrefixAsync("step_4", "manifest.json", new StagingOptions { StagingId = coordinator.StagingId }))
        {
            await rank1.WriteAsync("shard_1.msgpack", (s, t) => s.WriteAsync(TestData.Bytes(100, 1), t).AsTask());
        }

        await coordinator.WriteAsync("shard_0.msgpack", (s, t) => s.WriteAsync(TestData.Bytes(100, 0), t).AsTask());
        Assert.Equal(["shard_0.msgpack", "shard_1.msgpack"], await TestData.NamesAsync(coordinator.ListAsync()));
        await coordinator.CommitAsync(Manifest);

        Assert.Equal(["step_4/manifest.json", "step_4/shard_0.msgpack", "step_4/shard_1.msgpack"], await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task The_marker_cannot_be_written_as_an_ordinary_object_of_a_staging()
    {
        var storage = await NewStorageAsync();
        await using var staged = await storage.StagePrefixAsync("step_5", "manifest.json");

        await Assert.ThrowsAsync<ArgumentException>(() => staged.CreateAsync("manifest.json"));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.StagePrefixAsync("step_5", "manifest.json", new StagingOptions { StagingId = "../x" }));
    }
}
