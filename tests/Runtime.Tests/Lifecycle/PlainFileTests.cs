using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Lifecycle;

/// <summary>
/// Files written by the lifecycle helpers hold only the node kinds Python braintools writes and reads
/// (tests/Fixtures/braintools/README.md): string-keyed maps, ndarray, npscalar, int, float64, bool, str and nil.
/// </summary>
public class PlainFileTests
{
    private static readonly StateNodeKind[] PythonKinds =
    [
        StateNodeKind.Map, StateNodeKind.Tensor, StateNodeKind.NumpyScalar, StateNodeKind.Integer,
        StateNodeKind.Float, StateNodeKind.Bool, StateNodeKind.String, StateNodeKind.Null,
    ];

    private static void AssertPlain(StateNode node, string path)
    {
        Assert.True(PythonKinds.Contains(node.Kind), $"'{path}' is a {node.Kind}, which Python's msgpack_load does not produce for plain data");
        if (node is StateDict map)
        {
            foreach (var (key, child) in map)
            {
                Assert.False(string.IsNullOrEmpty(key), $"empty key under '{path}'");
                AssertPlain(child, path.Length == 0 ? key : path + "." + key);
            }
        }
    }

    [Fact]
    public void Training_checkpoints_exports_and_zoo_entries_are_plain()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        run.TrainEpoch();
        var files = new[]
        {
            run.Save(dir.File("train.msgpack"), new StateDict { ["description"] = "plain", ["accuracy"] = 0.9, ["tags"] = new StateDict { ["a"] = true } }),
            TrainingCheckpoint.ExportForInference(dir.File("export.msgpack"), run.Model).FullName,
            new ModelZoo(dir.File("zoo")).Save("mlp", run.Model, new StateDict { ["accuracy"] = 0.8 }).FullName,
        };

        foreach (var file in files)
        {
            // The raw reader, with no model or template: what msgpack_load(path) returns on the Python side.
            var root = MsgPackCheckpoint.Load(file);
            Assert.IsType<StateDict>(root);
            AssertPlain(root, "");
            var tree = (StateDict)root;
            Assert.IsType<TensorNode>(tree.GetPath("params.encoder.weight"));
            Assert.Equal("float32", ((TensorNode)tree.GetPath("params.encoder.weight")).Tensor.DType.NumpyName());
            Assert.Equal([4, 16], ((TensorNode)tree.GetPath("params.encoder.weight")).Tensor.Shape);
            Assert.IsType<IntegerNode>(tree.GetPath("config.n_input"));
            Assert.IsType<StringNode>(tree.GetPath("metadata.date"));
        }
    }
}
