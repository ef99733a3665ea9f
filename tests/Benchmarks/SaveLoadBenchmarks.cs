using BenchmarkDotNet.Attributes;
using MessagePack;

namespace Checkpoint.Benchmarks;

/// <summary>
/// Saving and loading a 40 MiB model: our streaming path against the obvious alternative of building the whole
/// file in memory with MessagePack-CSharp and writing it at once. Allocations matter as much as time here:
/// a checkpoint library must not need a second copy of the model.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SaveLoadBenchmarks
{
    private readonly BenchNet _model = new(1.5f);
    private readonly BenchNet _target = new(0f);
    private string _directory = "";
    private string _file = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("checkpoint-bench-").FullName;
        _file = MsgPackCheckpoint.Save(Path.Combine(_directory, "model.msgpack"), _model);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "Save model (streaming, atomic)")]
    public string Save() => MsgPackCheckpoint.Save(Path.Combine(_directory, "save.msgpack"), _model);

    [Benchmark(Description = "Load into model (streaming)")]
    public int LoadIntoModel() => MsgPackCheckpoint.Load(_file, _target).LoadedCount;

    [Benchmark(Description = "Load raw tree")]
    public int LoadRawTree() => MsgPackCheckpoint.LoadStateDict(_file).Count;

    [Benchmark(Baseline = true, Description = "Baseline: whole file in memory (MessagePack-CSharp)")]
    public long SaveWholeFileInMemory()
    {
        // What a hand-rolled saver does: serialize everything to one byte array, then write it.
        var tree = new Dictionary<string, object>
        {
            ["hidden"] = _model.Hidden.Data,
            ["output"] = _model.Output.Data,
            ["running_mean"] = _model.RunningMean.Data,
        };
        var bytes = MessagePackSerializer.Serialize(tree);
        var path = Path.Combine(_directory, "baseline.msgpack");
        File.WriteAllBytes(path, bytes);
        return bytes.LongLength;
    }
}
