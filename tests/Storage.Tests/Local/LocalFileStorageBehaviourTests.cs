using Checkpoint.Runtime.Tests.Management;
using Checkpoint.Storage.Tests.Contract;

namespace Checkpoint.Storage.Tests.Local;

/// <summary>What only the local disk does: temporary files beside the target, directory renames, links never followed, the synchronous API.</summary>
public sealed class LocalFileStorageBehaviourTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ckpt-local-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void An_uncommitted_write_is_a_hidden_temporary_file_beside_the_target_and_is_never_listed()
    {
        var storage = new LocalFileStorage(_root);
        using var stream = storage.Create("step_1/model.msgpack");
        stream.Write(TestData.Bytes(1000, 1));

        var entries = Directory.GetFiles(Path.Combine(_root, "step_1"));
        var temporary = Assert.Single(entries);
        Assert.True(AtomicFile.IsTemporaryFile(temporary), temporary);
        Assert.StartsWith(".model.msgpack" + AtomicFile.TemporaryMarker, Path.GetFileName(temporary));
        Assert.Empty(storage.ListAsync().ToBlockingEnumerable());

        stream.Commit();

        Assert.Equal([Path.Combine(_root, "step_1", "model.msgpack")], Directory.GetFiles(Path.Combine(_root, "step_1")));
    }

    [Fact]
    public void A_full_disk_mid_write_leaves_neither_the_object_nor_a_temporary_file()
    {
        var storage = new LocalFileStorage(_root, new FailingFileSystem(budget: 5000));

        var error = Assert.Throws<IOException>(() => storage.Write("step_1/model.msgpack", stream =>
        {
            for (var i = 0; i < 10; i++) stream.Write(TestData.Bytes(1000, i));
        }));

        Assert.Contains("No space left", error.Message);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_create_only_write_that_loses_the_race_leaves_the_winner_in_place()
    {
        var storage = new LocalFileStorage(_root);
        using var late = storage.Create("x.bin", new StorageWriteOptions { Overwrite = false });
        late.Write(TestData.Bytes(10, 1));
        var winner = TestData.Bytes(20, 2);
        storage.Write("x.bin", s => s.Write(winner));

        Assert.Throws<CheckpointException>(() => late.Commit());
        late.Dispose();

        Assert.Equal(winner, File.ReadAllBytes(storage.PathOf("x.bin")));
        Assert.Single(Directory.GetFiles(_root));
    }

    [Fact]
    public async Task A_staged_prefix_lives_in_a_hidden_directory_until_the_commit_renames_it()
    {
        var storage = new LocalFileStorage(_root);
        storage.Write("step_1/old.bin", s => s.Write(TestData.Bytes(10, 1)));
        using var staged = storage.StagePrefix("step_1", "manifest.json");
        using (var model = staged.Create("model.msgpack"))
        {
            model.Write(TestData.Bytes(100, 2));
            model.Commit();
        }

        Assert.Equal(Path.Combine(_root, LocalStagedPrefix.StagingName("step_1", staged.StagingId)), staged.StagingPath);
        Assert.True(File.Exists(Path.Combine(staged.StagingPath, "model.msgpack")));
        Assert.Equal(["step_1/old.bin"], await TestData.NamesAsync(storage.ListAsync()));

        staged.Commit("{}"u8);

        Assert.False(Directory.Exists(staged.StagingPath));
        Assert.Equal(["step_1/manifest.json", "step_1/model.msgpack"], await TestData.NamesAsync(storage.ListAsync()));
        Assert.Equal(["step_1"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Deleting_a_prefix_unlinks_a_symbolic_link_without_touching_its_target()
    {
        var outside = Path.Combine(Path.GetTempPath(), "ckpt-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, "precious.txt"), "keep me");
            var storage = new LocalFileStorage(_root);
            storage.Write("step_1/model.msgpack", s => s.Write(TestData.Bytes(10, 1)));
            Directory.CreateSymbolicLink(Path.Combine(_root, "step_1", "link"), outside);

            Assert.Equal(["step_1/model.msgpack"], await TestData.NamesAsync(storage.ListAsync()));
            await storage.DeletePrefixAsync("step_1");

            Assert.False(Directory.Exists(Path.Combine(_root, "step_1")));
            Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside, "precious.txt")));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_lock_names_its_holder_in_a_file_beside_it()
    {
        var storage = new LocalFileStorage(_root);
        using var held = storage.AcquireLock(".lock", new StorageLockOptions { OwnerId = "trainer-A" });

        Assert.Equal("trainer-A", LocalFileLock.ReadHolder(storage.PathOf(".lock") + LocalFileLock.OwnerSuffix));
        var refused = Assert.Throws<StorageLockedException>(() => storage.AcquireLock(".lock"));
        Assert.Contains(storage.PathOf(".lock"), refused.Message);
    }
}
