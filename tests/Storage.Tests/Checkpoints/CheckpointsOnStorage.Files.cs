using Checkpoint.TestModels;
using Checkpoint.Storage.Tests.Contract;

namespace Checkpoint.Storage.Tests.Checkpoints;

public abstract partial class CheckpointsOnStorage
{
    [SkippableFact]
    public async Task A_checkpoint_saved_to_a_storage_loads_into_a_model_lazily_and_asynchronously()
    {
        var storage = await NewStorageAsync();
        var info = MsgPackCheckpoint.Save(storage, "models/net.msgpack", new Layers().Fill(7));
        Assert.Equal(info.Length, await storage.GetSizeAsync("models/net.msgpack"));

        var model = new Layers();
        var report = MsgPackCheckpoint.Load(Reopen(storage), "models/net.msgpack", model);
        Assert.Equal(7, model.Value());
        Assert.Empty(report.Missing);

        var progress = new RecordingProgress();
        var again = new Layers();
        await MsgPackCheckpoint.LoadAsync(storage, "models/net.msgpack", again, LoadOptions.Default with { Progress = progress });
        Assert.Equal(7, again.Value());
        Assert.Equal(info.Length, progress.Reports[^1]);

        var tree = Assert.IsType<StateDict>(MsgPackCheckpoint.Load(storage, "models/net.msgpack"));
        Assert.Equal(new Layers().Paths.Order(), tree.Leaves().Select(l => l.Key).Order());
        var template = new StateDict { ["counter"] = 0L };
        MsgPackCheckpoint.Restore(storage, "models/net.msgpack", template, LoadOptions.Default with { Mismatch = Mismatch.Ignore }, out _);
        Assert.Equal(7, (long)((IntegerNode)template["counter"]).Value);
    }

    [SkippableFact]
    public async Task Each_large_lazy_array_costs_one_ranged_read()
    {
        var storage = await NewStorageAsync();
        // Six arrays of 256 KiB .. 43 KiB: the four above the 64 KiB read-ahead threshold are read directly, one request each.
        MsgPackCheckpoint.Save(storage, "net.msgpack", new Layers(6, 64 * 1024).Fill(3));
        var counting = new CountingStorage(storage);

        var model = new Layers(6, 64 * 1024);
        MsgPackCheckpoint.Load(counting, "net.msgpack", model);

        Assert.Equal(3, model.Value());
        Assert.Equal(1, counting.Opened("net.msgpack"));
        // The structure costs one buffered read per 64 KiB skipped at most; each large array one read; the small ones share a window.
        var reads = counting.RangedReads["net.msgpack"];
        Assert.InRange(reads, 4, 4 + 8);
    }

    [SkippableFact]
    public async Task A_checksum_sidecar_object_follows_the_data_and_a_corrupt_object_is_refused()
    {
        var storage = await NewStorageAsync();
        MsgPackCheckpoint.Save(storage, "net.msgpack", new Layers().Fill(5), options: SaveOptions.Default with { WriteChecksum = true });
        var sidecar = System.Text.Encoding.UTF8.GetString(await TestData.ReadAllAsync(storage, "net.msgpack.sha256"));
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await TestData.ReadAllAsync(storage, "net.msgpack"))).ToLowerInvariant();
        Assert.Equal($"{expected}  net.msgpack\n", sidecar);

        // A bit in the middle of layer0's array data: the file still parses; only the checksum notices.
        await OverwriteAsync(storage, "net.msgpack", bytes => FlipBit(bytes, 2000));
        var e = Assert.Throws<CheckpointFormatException>(() => MsgPackCheckpoint.Load(storage, "net.msgpack", new Layers()));
        Assert.Contains("net.msgpack", e.Message);
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains("says", e.Message);
        await Assert.ThrowsAsync<CheckpointFormatException>(() => MsgPackCheckpoint.LoadAsync(storage, "net.msgpack", new Layers()));
        // Asked not to check, the load goes ahead (the flipped bit is in array data, which parses).
        MsgPackCheckpoint.Load(storage, "net.msgpack", new Layers(), LoadOptions.Default with { VerifyChecksum = false });

        // Saved again without a checksum: the stale sidecar goes, so it never describes data it was not made for.
        MsgPackCheckpoint.Save(storage, "net.msgpack", new Layers().Fill(6));
        Assert.Null(await storage.GetInfoAsync("net.msgpack.sha256"));
        var model = new Layers();
        MsgPackCheckpoint.Load(storage, "net.msgpack", model);
        Assert.Equal(6, model.Value());
    }

    [SkippableFact]
    public async Task A_background_save_to_a_storage_snapshots_first_and_commits_whole()
    {
        var storage = await NewStorageAsync();
        var model = new Layers().Fill(1);
        var saving = MsgPackCheckpoint.SaveAsync(storage, "net.msgpack", model, overwrite: false);
        model.Fill(2); // after the snapshot: not in the file
        var info = await saving;

        var loaded = new Layers();
        MsgPackCheckpoint.Load(storage, "net.msgpack", loaded);
        Assert.Equal(1, loaded.Value());
        Assert.Equal(info.Length, await storage.GetSizeAsync("net.msgpack"));
        var e = await Assert.ThrowsAsync<CheckpointException>(() => MsgPackCheckpoint.SaveAsync(storage, "net.msgpack", model, overwrite: false));
        Assert.Contains("already exists", e.Message);
    }

    [SkippableFact]
    public async Task A_missing_object_is_not_found_and_names_its_location()
    {
        var storage = await NewStorageAsync();
        var e = Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Load(storage, "absent.msgpack", new Layers()));
        Assert.Contains(storage.LocationOf("absent.msgpack"), e.Message);
    }
}
