using BenchmarkDotNet.Attributes;

namespace Checkpoint.Benchmarks;

/// <summary>
/// Per-entry cost: a model of 100,000 child layers of one 16-element float32 parameter each (6.4 MB of state in
/// 100,000 entries), and a plain tree of the same tensors. Issue 10's targets: save and load into the model
/// ≤ 50 ms, <c>States()</c> ≤ 10 ms, the plain tree within 1.5× of those. The side-by-side runner measures the
/// same operations one process each, with peak memory (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class WideModelBenchmarks
{
    private const int Layers = 100_000;

    private readonly WideNet _model = new(Layers, 1f);
    private readonly WideNet _target = new(Layers, 0f);
    private readonly StateDict _tree = WideTree.Create(Layers, 1f);
    private readonly StateDict _template = WideTree.Create(Layers, 0f);
    private string _directory = "";
    private string _modelFile = "";
    private string _treeFile = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("checkpoint-wide-").FullName;
        _modelFile = MsgPackCheckpoint.Save(Path.Combine(_directory, "model.msgpack"), _model);
        _treeFile = MsgPackCheckpoint.Save(Path.Combine(_directory, "tree.msgpack"), _tree);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "States() of the model")]
    public int States() => _model.States().Count;

    [Benchmark(Description = "Save the model")]
    public string SaveModel() => MsgPackCheckpoint.Save(_modelFile, _model);

    [Benchmark(Description = "Load into the model")]
    public LoadReport LoadModel() => MsgPackCheckpoint.Load(_modelFile, _target);

    [Benchmark(Description = "Save the plain tree")]
    public string SaveTree() => MsgPackCheckpoint.Save(_treeFile, _tree);

    [Benchmark(Description = "Load into the plain tree")]
    public StateDict LoadTree() => MsgPackCheckpoint.Load(_treeFile, _template);
}
