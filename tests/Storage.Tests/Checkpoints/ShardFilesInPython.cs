using Checkpoint.TestModels;
using System.Diagnostics;
using Checkpoint.Management;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// The shards of a sharded step are plain msgpack files: Python's msgpack (Debian's python3-msgpack; .ci/run installs
/// it) reads each one on its own, and merging their dictionaries gives every path of the model once.
/// </summary>
public sealed class ShardFilesInPython : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ckpt-pyshards-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [SkippableFact]
    public async Task Python_reads_each_shard_and_their_union_is_the_model()
    {
        Skip.IfNot(File.Exists(Python) && Run("-c", "import msgpack").Status == 0, "python3-msgpack is not installed (apt-get install python3-msgpack)");
        const int world = 3;
        var managers = Enumerable.Range(0, world).Select(rank => new CheckpointManager(_root,
            new CheckpointManagerOptions { Sharding = new ShardingOptions { Rank = rank, WorldSize = world, Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20) } })).ToList();
        try
        {
            await Task.WhenAll(managers.Select(m => Task.Run(() => m.Save(4, new Layers().Fill(4)))));
        }
        finally
        {
            foreach (var manager in managers) manager.Dispose();
        }

        var step = Path.Combine(_root, "step_00000004");
        const string script = """
            import glob, msgpack, sys
            merged = {}
            for path in sorted(glob.glob(sys.argv[1] + "/shard_*-of-*.msgpack")):
                with open(path, "rb") as f:
                    shard = msgpack.unpackb(f.read(), raw=False, strict_map_key=False)
                for key in shard:
                    assert key not in merged, key
                merged.update(shard)
            print(" ".join(sorted(merged)))
            """;
        var (status, output) = Run("-c", script, step);
        Assert.True(status == 0, output);
        Assert.Equal(string.Join(' ', new Layers().Paths.Order(StringComparer.Ordinal)), output.Trim());
    }

    private static (int Status, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
