namespace Checkpoint.Storage.Tests.Contract;

public abstract partial class ObjectStorageContract
{
    [SkippableFact]
    public async Task A_committed_object_reads_back_whole_and_by_range()
    {
        var storage = await NewStorageAsync();
        var bytes = TestData.Bytes(100_000, seed: 1);

        var info = await storage.WriteAsync("step_1/model.msgpack", bytes);

        Assert.Equal("step_1/model.msgpack", info.Name);
        Assert.Equal(bytes.Length, info.Length);
        Assert.Equal(bytes, await TestData.ReadAllAsync(storage, "step_1/model.msgpack"));
        Assert.Equal(bytes.Length, await storage.GetSizeAsync("step_1/model.msgpack"));
        var range = new byte[1234];
        await storage.ReadRangeAsync("step_1/model.msgpack", 98_000, range);
        Assert.Equal(bytes.AsSpan(98_000, 1234).ToArray(), range);
    }

    [SkippableFact]
    public async Task An_object_is_invisible_until_its_commit()
    {
        var storage = await NewStorageAsync();
        var bytes = TestData.Bytes(10_000, seed: 2);

        await using var stream = await storage.CreateAsync("a/b.bin");
        await stream.WriteAsync(bytes);

        Assert.Null(await storage.GetInfoAsync("a/b.bin"));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync()));
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => storage.OpenReadAsync("a/b.bin"));

        var info = await stream.CommitAsync();

        Assert.Equal(bytes.Length, info.Length);
        Assert.Equal(bytes, await TestData.ReadAllAsync(storage, "a/b.bin"));
    }

    [SkippableFact]
    public async Task A_write_disposed_without_commit_leaves_nothing()
    {
        var storage = await NewStorageAsync();

        await using (var stream = await storage.CreateAsync("a/never.bin"))
        {
            await stream.WriteAsync(TestData.Bytes(3 * PartSize + 17, seed: 3));
        }

        Assert.Null(await storage.GetInfoAsync("a/never.bin"));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task A_failing_writer_leaves_nothing()
    {
        var storage = await NewStorageAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteAsync("a/failed.bin", async (stream, token) =>
        {
            await stream.WriteAsync(TestData.Bytes(2 * PartSize + 5, seed: 4), token);
            throw new InvalidOperationException("the writer broke");
        }));

        Assert.Equal("the writer broke", error.Message);
        Assert.Null(await storage.GetInfoAsync("a/failed.bin"));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task Overwriting_replaces_the_whole_object()
    {
        var storage = await NewStorageAsync();
        await PutAsync(storage, "x.bin", 50_000, seed: 5);
        var second = TestData.Bytes(20_000, seed: 6);

        await storage.WriteAsync("x.bin", second);

        Assert.Equal(second, await TestData.ReadAllAsync(storage, "x.bin"));
    }

    [SkippableFact]
    public async Task A_create_only_write_refuses_an_existing_object_and_keeps_it()
    {
        var storage = await NewStorageAsync();
        var first = await PutAsync(storage, "x.bin", 1000, seed: 7);

        var error = await Assert.ThrowsAsync<CheckpointException>(() =>
            storage.WriteAsync("x.bin", TestData.Bytes(500, seed: 8), new StorageWriteOptions { Overwrite = false }));

        Assert.Contains(storage.LocationOf("x.bin"), error.Message);
        Assert.Equal(first, await TestData.ReadAllAsync(storage, "x.bin"));
        var created = await storage.WriteAsync("y.bin", TestData.Bytes(500, seed: 9), new StorageWriteOptions { Overwrite = false });
        Assert.Equal(500, created.Length);
    }

    [SkippableFact]
    public async Task A_missing_object_has_no_info_and_cannot_be_read()
    {
        var storage = await NewStorageAsync();

        Assert.Null(await storage.GetInfoAsync("missing.bin"));
        var error = await Assert.ThrowsAsync<CheckpointNotFoundException>(() => storage.GetSizeAsync("missing.bin"));
        Assert.Contains("missing.bin", error.Message);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => storage.OpenReadAsync("missing.bin"));
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => storage.OpenReaderAsync("missing.bin"));
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => storage.ReadRangeAsync("missing.bin", 0, new byte[1]));
    }

    [SkippableFact]
    public async Task Listing_a_prefix_returns_the_objects_under_it_only()
    {
        var storage = await NewStorageAsync();
        foreach (var name in new[] { "a/b", "a/c/d", "ab", "z/a" }) await PutAsync(storage, name, 10, seed: name.Length);

        Assert.Equal(["a/b", "a/c/d", "ab", "z/a"], await TestData.NamesAsync(storage.ListAsync()));
        Assert.Equal(["a/b", "a/c/d"], await TestData.NamesAsync(storage.ListAsync("a")));
        Assert.Equal(["a/c/d"], await TestData.NamesAsync(storage.ListAsync("a/c")));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync("a/b/none")));
        await foreach (var item in storage.ListAsync("a")) Assert.Equal(10, item.Length);
    }

    [SkippableFact]
    public async Task Listing_prefixes_returns_the_names_directly_below()
    {
        var storage = await NewStorageAsync();
        foreach (var name in new[] { "step_1/model", "step_1/opt/state", "step_2/model", "top" }) await PutAsync(storage, name, 10, seed: 1);

        Assert.Equal(["step_1", "step_2"], await TestData.SortedAsync(storage.ListPrefixesAsync()));
        Assert.Equal(["step_1/opt"], await TestData.SortedAsync(storage.ListPrefixesAsync("step_1")));
    }

    [SkippableFact]
    public async Task Deleting_removes_one_object_and_reports_a_missing_one()
    {
        var storage = await NewStorageAsync();
        await PutAsync(storage, "a/1", 10, seed: 1);
        await PutAsync(storage, "a/2", 10, seed: 2);

        Assert.True(await storage.DeleteAsync("a/1"));
        Assert.False(await storage.DeleteAsync("a/1"));
        Assert.Equal(["a/2"], await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task Deleting_a_prefix_removes_everything_under_it_and_nothing_else()
    {
        var storage = await NewStorageAsync();
        foreach (var name in new[] { "step_1/a", "step_1/b/c", "step_10/a", "step_1x" }) await PutAsync(storage, name, 10, seed: 1);

        Assert.Equal(2, await storage.DeletePrefixAsync("step_1"));

        Assert.Equal(["step_10/a", "step_1x"], await TestData.NamesAsync(storage.ListAsync()));
        Assert.Equal(0, await storage.DeletePrefixAsync("step_1"));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/")]
    [InlineData("a\\b")]
    [InlineData("C:/x")]
    [InlineData(".x.tmp-123")]
    public async Task Invalid_names_are_refused_before_the_backend_sees_them(string name)
    {
        var storage = await NewStorageAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.CreateAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.DeleteAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.AcquireLockAsync(name));
        if (name.Length > 0) await Assert.ThrowsAsync<ArgumentException>(async () => await storage.ListAsync(name).GetAsyncEnumerator().MoveNextAsync());
    }
}
