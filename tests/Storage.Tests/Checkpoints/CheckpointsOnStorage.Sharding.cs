using Checkpoint.TestModels;
using Checkpoint.Management;
using Checkpoint.Storage.Tests.Contract;

namespace Checkpoint.Storage.Tests.Checkpoints;

public abstract partial class CheckpointsOnStorage
{
    private const int World = 4;

    [SkippableFact]
    public async Task Ranks_save_their_shards_and_rank_0_commits_the_step_with_every_shard_listed()
    {
        var storage = await NewStorageAsync();
        await SaveStepsAsync(storage, [1, 2], step => new Layers().Fill(step));

        var verification = CheckpointManager.VerifyStorage(storage);
        Assert.Equal([1L, 2], verification.Select(v => v.Step));
        Assert.All(verification, v => Assert.True(v.IsIntact, v.Summary));
        var manifest = verification[^1].Manifest!;
        Assert.Equal(StepManifest.ShardedFormatVersion, manifest.FormatVersion);
        Assert.Equal(World, manifest.Sharding!.WorldSize);
        Assert.Equal(Enumerable.Range(0, World).Select(r => $"shard_{r}-of-{World}.msgpack"), manifest.Files.Keys.Order(StringComparer.Ordinal));
        // Every path of the model is in exactly one shard, and the big arrays are spread over the ranks.
        var paths = manifest.Sharding.Shards.Values.SelectMany(s => s.Paths).ToList();
        Assert.Equal(new Layers().Paths.Order(), paths.Order());
        Assert.All(manifest.Sharding.Shards.Values, s => Assert.NotEmpty(s.Paths));
        // Each shard is a plain checkpoint file on its own, holding just its paths.
        foreach (var (file, shard) in manifest.Sharding.Shards)
        {
            var tree = Assert.IsType<StateDict>(MsgPackCheckpoint.Load(storage, "step_00000002/" + file));
            Assert.Equal(shard.Paths.Order(), tree.Leaves().Select(l => l.Key).Order());
        }

        // No rendezvous is left behind.
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync(".sharding")));
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Any_number_of_processes_restores_a_sharded_step(int restorers)
    {
        var storage = await NewStorageAsync();
        await SaveStepsAsync(storage, [5], step => new Layers().Fill(step), step => new Layers(2, 64).Fill(10 * step));

        // A different world size restores the same state: each restorer reads every shard its model needs.
        var readers = restorers == 1 ? [new CheckpointManager(Reopen(storage), Quick)] : Ranks(storage, restorers);
        try
        {
            var results = await Task.WhenAll(readers.Select(manager => Task.Run(() =>
            {
                var model = new Layers();
                var optimizer = new Layers(2, 64);
                var result = manager.Restore(model, optimizer);
                return (result.Step, Model: model.Value(), Optimizer: optimizer.Value());
            })));
            Assert.All(results, r => Assert.Equal((5L, 5L, 50L), r));
        }
        finally
        {
            foreach (var manager in readers) manager.Dispose();
        }
    }

    [SkippableFact]
    public async Task A_partial_restore_reads_only_the_shards_that_hold_what_it_asks_for()
    {
        var storage = await NewStorageAsync();
        await SaveStepsAsync(storage, [1], step => new Layers().Fill(step));

        var manifest = CheckpointManager.VerifyStorage(storage)[0].Manifest!;
        var holder = manifest.Sharding!.Shards.First(s => s.Value.Paths.Contains("layer0")).Key;
        var counting = new CountingStorage(Reopen(storage));
        using var reader = new CheckpointManager(counting, Quick with { Sharding = new ShardingOptions { Rank = 1, WorldSize = 2 } });
        var model = new Layers();
        reader.Restore(model, loadOptions: LoadOptions.Default with { PathFilter = path => path == "layer0", Mismatch = Mismatch.Ignore });

        Assert.Equal(1f, model.LayerValue(0));
        Assert.Equal(0f, model.LayerValue(1));
        foreach (var file in manifest.Files.Keys)
        {
            // The other shards are only looked at (their size); the one holding layer0 is read (checksum, then load).
            var ranged = counting.RangedReads.GetValueOrDefault("step_00000001/" + file);
            if (file == holder) Assert.True(ranged > 0, $"{file} was not read");
            else Assert.Equal(0, ranged);
        }
    }

    [SkippableFact]
    public async Task A_rank_that_never_arrives_makes_the_save_abandoned_and_no_step_appears()
    {
        var storage = await NewStorageAsync();
        await SaveStepsAsync(storage, [1], step => new Layers().Fill(step));

        var managers = Ranks(storage, World, TimeSpan.FromSeconds(2));
        try
        {
            // Rank 3 is gone: the others wait, then give up; rank 0 abandons the staging.
            var saves = managers.Take(World - 1).Select(manager => Task.Run(() => Record.Exception(() => manager.Save(2, new Layers().Fill(2))))).ToList();
            var errors = await Task.WhenAll(saves);

            Assert.All(errors, e => Assert.IsType<CheckpointException>(e));
            Assert.Contains("rank(s) 3 did not join", errors[0]!.Message);
            Assert.Contains("no step 2 was committed", errors[0]!.Message);
            Assert.Equal([1L], managers[0].Steps);
        }
        finally
        {
            foreach (var manager in managers) manager.Dispose();
        }

        Assert.Equal([1L], CheckpointManager.VerifyStorage(storage).Select(v => v.Step));
        using var reopened = new CheckpointManager(Reopen(storage), Quick);
        var model = new Layers();
        Assert.Equal(1, reopened.Restore(model).Step);
        Assert.Equal(1, model.Value());
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync("step_00000002")));
    }

    [SkippableFact]
    public async Task Two_ranks_saving_the_same_path_is_refused_at_the_commit()
    {
        var storage = await NewStorageAsync();
        // Path filters that overlap on layer1: the commit must not pick one silently.
        Func<string, bool>[] filters = [p => p is "layer0" or "layer1" or "counter", p => p.StartsWith("layer", StringComparison.Ordinal) && p != "layer0"];
        var managers = filters.Select((filter, rank) => new CheckpointManager(rank == 0 ? storage : Reopen(storage),
            Quick with { Sharding = new ShardingOptions { Rank = rank, WorldSize = 2, PathFilter = filter, Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(20) } })).ToList();
        try
        {
            var errors = await Task.WhenAll(managers.Select(m => Task.Run(() => Record.Exception(() => m.Save(1, new Layers().Fill(1))))));
            var e = Assert.IsType<CheckpointException>(errors[0]);
            Assert.Contains("ranks 0 and 1 both saved the model path 'layer1'", e.Message);
            Assert.IsType<CheckpointException>(errors[1]);
        }
        finally
        {
            foreach (var manager in managers) manager.Dispose();
        }

        Assert.Empty(CheckpointManager.VerifyStorage(storage));
    }

    private List<CheckpointManager> Ranks(ObjectStorage storage, int world, TimeSpan? timeout = null)
    {
        var managers = new List<CheckpointManager>();
        for (var rank = 0; rank < world; rank++)
        {
            var sharding = new ShardingOptions { Rank = rank, WorldSize = world, Timeout = timeout ?? TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20) };
            managers.Add(new CheckpointManager(rank == 0 ? storage : Reopen(storage), Quick with { Sharding = sharding, KeepLast = 3 }));
        }

        return managers;
    }

    // World ranks save the steps, each on its own thread as its own process would, then close their managers.
    private async Task SaveStepsAsync(ObjectStorage storage, long[] steps, Func<long, Layers> model, Func<long, Layers>? optimizer = null)
    {
        var managers = Ranks(storage, World);
        try
        {
            foreach (var step in steps)
            {
                var saves = managers.Select(manager => Task.Run(() => manager.Save(step, model(step), optimizer?.Invoke(step))));
                Assert.All(await Task.WhenAll(saves), Assert.True);
            }
        }
        finally
        {
            foreach (var manager in managers) manager.Dispose();
        }
    }
}
