using Checkpoint.Formats.Npy;
using Checkpoint.Tests.Models;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>The npz facade with models and trees: save, load back, refusals.</summary>
public class NpzCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SimpleNet Trained()
    {
        var net = new SimpleNet();
        net.Lif.Tau = 12.5f;
        net.Lif.SpikeCount = 77;
        net.Layers[1].Weight.Data[5] = 3.25f;
        net.Layers[0].Bias.Data[63] = -1f;
        net.Readout.Data[99] = 0.125f;
        return net;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_models_state_saved_as_npz_loads_into_a_new_model(bool compressed)
    {
        var path = Path.Combine(_dir, "net.npz");
        NpzCheckpoint.Save(path, Trained(), options: new SaveOptions { Compressed = compressed });

        using (var npz = NpzCheckpoint.Open(path))
            Assert.Equal(["Lif.Tau", "Lif.SpikeCount", "Layers.0.Weight", "Layers.0.Bias", "Layers.1.Weight", "Layers.1.Bias", "w_out"], npz.Names);

        var loaded = new SimpleNet();
        var report = NpzCheckpoint.Load(path, loaded);
        Assert.Empty(report.Problems);
        Assert.Equal(12.5f, loaded.Lif.Tau);
        Assert.Equal(77, loaded.Lif.SpikeCount);
        Assert.Equal(3.25f, loaded.Layers[1].Weight.Data[5]);
        Assert.Equal(-1f, loaded.Layers[0].Bias.Data[63]);
        Assert.Equal(0.125f, loaded.Readout.Data[99]);
    }

    [Fact]
    public void Only_the_params_like_the_guides_param_dict_and_a_mismatch_is_reported()
    {
        var path = Path.Combine(_dir, "params.npz");
        NpzCheckpoint.Save(path, Trained().ToStateDict(StateKinds.Param));
        using (var npz = NpzCheckpoint.Open(path)) Assert.DoesNotContain("Lif.SpikeCount", npz.Names);

        var strict = Assert.Throws<StateMismatchException>(() => NpzCheckpoint.Load(path, new SimpleNet()));
        Assert.Contains("Lif.SpikeCount", strict.Message);
        var loaded = new SimpleNet();
        var report = NpzCheckpoint.Load(path, loaded, new LoadOptions { Kinds = StateKinds.Param });
        Assert.Empty(report.Problems);
        Assert.Equal(3.25f, loaded.Layers[1].Weight.Data[5]);
    }

    [Theory]
    [InlineData("text", "a string")]
    [InlineData("none", "None")]
    [InlineData("bf16", "bfloat16")]
    public void What_npz_cannot_hold_is_refused_naming_the_path_and_nothing_is_written(string kind, string expected)
    {
        StateNode leaf = kind switch
        {
            "text" => new StringNode("relu"),
            "none" => NullNode.Instance,
            _ => new TensorNode(NdArray<BFloat16>.Zeros(2)),
        };
        var path = Path.Combine(_dir, "refused.npz");
        var tree = new StateDict { ["w"] = new TensorNode(NdArray<float>.Zeros(2)), ["config"] = new StateDict { ["x"] = leaf } };
        var error = Assert.Throws<CheckpointException>(() => NpzCheckpoint.Save(path, tree));
        Assert.Contains("'config.x'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Lists_become_numbered_names_and_empty_maps_are_not_written()
    {
        var path = Path.Combine(_dir, "list.npz");
        var tree = new Dictionary<string, object?>
        {
            ["layers"] = new List<NdArray<float>> { NdArray<float>.Full(1, 2), NdArray<float>.Full(2, 3) },
            ["nothing"] = new Dictionary<string, object?>(),
        };
        NpzCheckpoint.Save(path, tree);
        using var npz = NpzCheckpoint.Open(path);
        Assert.Equal(["layers.0", "layers.1"], npz.Names);
        Assert.Equal([2f, 2f, 2f], ((NdArray<float>)((TensorNode)npz.Root.GetPath("layers.1")).Tensor).Data);
    }

    [Fact]
    public void Writing_needs_a_seekable_stream_and_a_map()
    {
        Assert.Throws<ArgumentException>(() => NpzWriter.Write(new NonSeekableWriteStream(), new StateDict()));
        var error = Assert.Throws<CheckpointException>(() => NpzWriter.Write(new MemoryStream(), new TensorNode(NdArray<float>.Zeros(1))));
        Assert.Contains("root must be a map", error.Message);
    }

    [Fact]
    public void An_existing_file_is_kept_unless_overwrite_is_allowed()
    {
        var path = Path.Combine(_dir, "once.npz");
        NpzCheckpoint.Save(path, new StateDict { ["a"] = new TensorNode(NdArray<int>.Full(1, 1)) });
        Assert.Throws<CheckpointException>(() => NpzCheckpoint.Save(path, new StateDict { ["b"] = new TensorNode(NdArray<int>.Full(2, 1)) }, overwrite: false));
        Assert.Equal(["a"], NpzCheckpoint.Load(path).Keys);
    }

    [Fact]
    public void Npy_saves_one_array_and_refuses_a_map()
    {
        var path = Path.Combine(_dir, "one.npy");
        NpyCheckpoint.Save(path, new[,] { { 1.5, 2.5 }, { 3.5, 4.5 } });
        var array = (NdArray<double>)NpyCheckpoint.Load(path);
        Assert.Equal([2, 2], array.Shape);
        Assert.Equal([1.5, 2.5, 3.5, 4.5], array.Data);
        Assert.Contains("one array", Assert.Throws<CheckpointException>(() => NpyCheckpoint.Save(path, new StateDict())).Message);
    }

    private sealed class NonSeekableWriteStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
