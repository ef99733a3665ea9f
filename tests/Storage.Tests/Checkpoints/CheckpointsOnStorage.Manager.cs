using Checkpoint.TestModels;
using Checkpoint.Management;
using Checkpoint.Storage.Tests.Contract;

namespace Checkpoint.Storage.Tests.Checkpoints;

public abstract partial class CheckpointsOnStorage
{
    private static readonly CheckpointManagerOptions Quick = new() { LockLeaseDuration = TimeSpan.FromSeconds(15) };

    [SkippableFact]
    public async Task The_manager_saves_and_restores_steps_on_the_storage()
    {
        var storage = await NewStorageAsync();
        using (var manager = new CheckpointManager(storage, Quick))
        {
            for (var step = 1; step <= 3; step++)
                manager.Save(step, new Layers().Fill(step), new Layers(2, 64).Fill(10 * step), new Dictionary<string, double> { ["loss"] = 1.0 / step });
            Assert.Equal([1L, 2, 3], manager.Steps);
        }

        using var reopened = new CheckpointManager(Reopen(storage), Quick);
        var model = new Layers();
        var optimizer = new Layers(2, 64);
        var result = reopened.Restore(model, optimizer);
        Assert.Equal(3, result.Step);
        Assert.Equal(3, model.Value());
        Assert.Equal(30, optimizer.Value());
        Assert.Equal(1.0 / 3, result.Metrics["loss"]);
        Assert.Equal(storage.LocationOf("step_00000003"), result.StepDirectory);
        Assert.All(CheckpointManager.VerifyStorage(storage), v => Assert.True(v.IsIntact, v.Summary));
    }

    [SkippableFact]
    public async Task A_second_manager_on_the_storage_is_refused_until_the_first_is_disposed()
    {
        var storage = await NewStorageAsync();
        using (var first = new CheckpointManager(storage, Quick))
        {
            var e = Assert.Throws<CheckpointException>(() => new CheckpointManager(Reopen(storage), Quick));
            Assert.Contains("in use by another CheckpointManager", e.Message);
            Assert.Contains(storage.Location, e.Message);
            first.Save(1, new Layers().Fill(1));
        }

        using var second = new CheckpointManager(Reopen(storage), Quick);
        Assert.Equal([1L], second.Steps);
    }

    [SkippableFact]
    public async Task A_manager_with_LockWait_opens_once_the_holder_lets_go()
    {
        var storage = await NewStorageAsync();
        var first = new CheckpointManager(storage, Quick);
        first.Save(1, new Layers().Fill(1));
        var waiting = Task.Run(() => new CheckpointManager(Reopen(storage), Quick with { LockWait = TimeSpan.FromSeconds(30) }));
        await Task.Delay(1000);
        Assert.False(waiting.IsCompleted, "the second manager opened while the first held the lock");
        first.Dispose();

        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([1L], second.Steps);
    }

    [SkippableFact]
    public async Task An_interrupted_upload_leaves_no_visible_step_and_is_removed_on_open()
    {
        var storage = await NewStorageAsync();
        var plug = new PullThePlug();
        using (var manager = new CheckpointManager(storage, Quick with { SaveOptions = SaveOptions.Default with { Progress = plug } }))
        {
            manager.Save(1, new Layers().Fill(1));

            // Cancelled in the middle of writing step 2: the progress callback pulls the plug after the first bytes.
            plug.Arm();
            Assert.ThrowsAny<OperationCanceledException>(() => manager.Save(2, new Layers(6, 256 * 1024).Fill(2), cancellationToken: plug.Token));
            Assert.True(plug.Pulled);
            Assert.Equal([1L], manager.Steps);
            Assert.Equal([1L], CheckpointManager.VerifyStorage(storage).Select(v => v.Step));
            Assert.Empty(await TestData.NamesAsync(storage.ListAsync("step_00000002")));
        }

        // What a killed uploader leaves on an object store: data objects of a step, but no manifest.
        await storage.WriteAsync("step_00000003/model.msgpack", TestData.Bytes(5000, 3));
        await storage.WriteAsync("step_00000003/optimizer.msgpack", TestData.Bytes(100, 4));
        Assert.Equal([1L], CheckpointManager.VerifyStorage(storage).Select(v => v.Step));

        using (var reopened = new CheckpointManager(Reopen(storage), Quick))
        {
            Assert.Equal([1L], reopened.Steps);
            Assert.Empty(await TestData.NamesAsync(storage.ListAsync("step_00000003")));
            var model = new Layers();
            Assert.Equal(1, reopened.Restore(model).Step);
            Assert.Equal(1, model.Value());
        }
    }

    [SkippableFact]
    public async Task A_corrupted_object_is_detected_and_restore_falls_back_to_the_previous_step()
    {
        var storage = await NewStorageAsync();
        SaveSteps(storage, 3);
        await OverwriteAsync(storage, "step_00000003/model.msgpack", bytes => FlipBit(bytes, bytes.Length / 2));

        using var manager = new CheckpointManager(Reopen(storage), Quick);
        var model = new Layers();
        var result = manager.Restore(model);

        Assert.Equal(2, result.Step);
        Assert.Equal(2, model.Value());
        Assert.True(result.FellBack);
        Assert.Contains("checksum", Assert.Single(result.Skipped).Summary);
        Assert.False(manager.Verify(3).IsIntact);
    }

    [SkippableFact]
    public async Task A_missing_object_is_detected_and_restore_falls_back_to_the_previous_step()
    {
        var storage = await NewStorageAsync();
        SaveSteps(storage, 3);
        Assert.True(await storage.DeleteAsync("step_00000003/model.msgpack"));

        using var manager = new CheckpointManager(Reopen(storage), Quick);
        var model = new Layers();
        var result = manager.Restore(model);

        Assert.Equal(2, result.Step);
        Assert.Contains("model.msgpack is missing", Assert.Single(result.Skipped).Summary);
        // Damaged, not uncommitted: the step keeps its manifest and stays for inspection.
        Assert.Equal([1L, 2, 3], manager.Steps);
    }

    [SkippableFact]
    public async Task Retention_deletes_only_the_managers_own_steps()
    {
        var storage = await NewStorageAsync();
        await storage.WriteAsync("notes.txt", TestData.Utf8("mine"));
        await storage.WriteAsync("step_5/readme", TestData.Utf8("not a step name"));
        await storage.WriteAsync("other/step_00000001/model.msgpack", TestData.Utf8("elsewhere"));

        using (var manager = new CheckpointManager(storage, Quick with { KeepLast = 1 }))
        {
            for (var step = 1; step <= 4; step++) manager.Save(step, new Layers().Fill(step));
            Assert.Equal([4L], manager.Steps);
        }

        var names = await TestData.NamesAsync(storage.ListAsync());
        Assert.Contains("notes.txt", names);
        Assert.Contains("step_5/readme", names);
        Assert.Contains("other/step_00000001/model.msgpack", names);
        Assert.DoesNotContain(names, n => n.StartsWith("step_0000000", StringComparison.Ordinal) && !n.StartsWith("step_00000004/", StringComparison.Ordinal));
    }

    private void SaveSteps(ObjectStorage storage, int count)
    {
        using var manager = new CheckpointManager(storage, Quick);
        for (var step = 1; step <= count; step++) manager.Save(step, new Layers().Fill(step));
    }

    /// <summary>Cancels its token from the first progress report after <see cref="Arm"/> (reports arrive on the writing thread).</summary>
    private sealed class PullThePlug : IProgress<long>
    {
        private readonly CancellationTokenSource _source = new();
        private volatile bool _armed;

        public CancellationToken Token => _source.Token;

        public bool Pulled => _source.IsCancellationRequested;

        public void Arm() => _armed = true;

        public void Report(long value)
        {
            if (_armed && value > 0) _source.Cancel();
        }
    }
}
