using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Lifecycle;

public class TrainingCheckpointTests
{
    [Fact]
    public void Save_writes_the_guides_layout()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        run.TrainEpoch();
        var path = run.Save(dir.File("ckpt.msgpack"), new StateDict { ["description"] = "test", ["val_loss"] = 0.5 });

        var tree = MsgPackCheckpoint.LoadStateDict(path);
        Assert.Equal(["version", "epoch", "step", "params", "long_term", "optimizer_state", "rng", "config", "metadata"], tree.Keys);
        Assert.Equal("2.0", ((StringNode)tree["version"]).Value);
        Assert.Equal(0, (int)((IntegerNode)tree["epoch"]).Value);
        var paramsMap = (StateDict)tree["params"];
        Assert.Equal(["encoder.weight", "encoder.bias", "head.weight", "head.bias"], paramsMap.Leaves().Select(l => l.Key));
        Assert.Equal(["samples_seen"], ((StateDict)tree["long_term"]).Leaves().Select(l => l.Key));
        Assert.Contains("moments.encoder.weight.m", ((StateDict)tree["optimizer_state"]).Leaves().Select(l => l.Key));
        var metadata = (StateDict)tree["metadata"];
        Assert.Equal(LibraryInfo.Version, ((StringNode)metadata["library_version"]).Value);
        Assert.Equal("test", ((StringNode)metadata["description"]).Value);
        Assert.Equal("Mlp", ((StringNode)metadata["model_type"]).Value);
        Assert.True(DateTime.TryParse(((StringNode)metadata["date"]).Value, out _));
    }

    [Fact]
    public void Load_restores_model_optimizer_and_epoch()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        for (var i = 0; i < 3; i++) run.TrainEpoch();
        var path = run.Save(dir.File("ckpt.msgpack"));

        var net = new Mlp(4, 16, 2, seed: 99);
        var adam = new Adam(net);
        var loaded = TrainingCheckpoint.Load(path, net, adam);
        Assert.Equal(2, loaded.Epoch);
        Assert.Equal(run.Optimizer.Step, loaded.Step);
        Assert.True(loaded.Report.IsClean);
        ModelAssert.BitIdentical(run.Model, net);
        ModelAssert.BitIdentical(run.Optimizer, adam);
    }

    [Fact]
    public void A_mismatch_anywhere_changes_nothing()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        var path = run.Save(dir.File("ckpt.msgpack"));
        var other = new Mlp(4, 16, 3, seed: 5);
        var before = ModelAssert.Param(other, "encoder.weight").ToArray();

        var error = Assert.Throws<StateMismatchException>(() => TrainingCheckpoint.Load(path, other));
        Assert.Contains("params.head.weight", error.Message);
        Assert.Equal(before, ModelAssert.Param(other, "encoder.weight"));
    }

    [Fact]
    public void Export_keeps_only_what_inference_needs_and_LoadModel_rebuilds_it()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        run.TrainEpoch();
        var training = new FileInfo(run.Save(dir.File("train.msgpack")));
        var export = TrainingCheckpoint.ExportForInference(dir.File("deploy.msgpack"), run.Model, new StateDict { ["accuracy"] = 0.95 });

        Assert.Equal(new FileInfo(export.FullName).Length, export.Length);
        Assert.True(export.Length < training.Length);
        var tree = MsgPackCheckpoint.LoadStateDict(export.FullName);
        Assert.Equal(["version", "params", "config", "metadata"], tree.Keys);

        var (net, info) = TrainingCheckpoint.LoadModel<Mlp>(export.FullName);
        Assert.Equal(run.Model.GetConfig(), net.GetConfig());
        ModelAssert.BitIdentical(run.Model, net, StateKinds.Param);
        Assert.Equal(0.95, ((FloatNode)info.Metadata["accuracy"]).Value);
        Assert.Equal(-1, info.Epoch);
    }

    [Fact]
    public void Best_model_checkpoint_holds_the_lowest_validation_loss()
    {
        using var dir = new TempDirectory();
        var run = TrainingRun.Start();
        var best = float.PositiveInfinity;
        var bestEpoch = -1;
        for (var epoch = 0; epoch < 6; epoch++)
        {
            run.TrainEpoch();
            var loss = run.ValidationLoss();
            if (loss < best)
            {
                (best, bestEpoch) = (loss, epoch);
                run.Save(dir.File("best.msgpack"), new StateDict { ["val_loss"] = (double)loss });
            }
        }

        var (net, info) = TrainingCheckpoint.LoadModel<Mlp>(dir.File("best.msgpack"));
        Assert.Equal(bestEpoch, info.Epoch);
        Assert.Equal(best, Training.Loss(net, run.Validation));
    }

    [Fact]
    public void Extra_state_cannot_overwrite_the_layouts_keys()
    {
        using var dir = new TempDirectory();
        var net = new Mlp(2, 2, 1);
        var error = Assert.Throws<ArgumentException>(() => TrainingCheckpoint.Save(
            dir.File("x.msgpack"), net, 0, extra: new Dictionary<string, IStateful> { ["params"] = new Xoshiro128(1) }));
        Assert.Contains("'params'", error.Message);
        Assert.False(File.Exists(dir.File("x.msgpack")));
    }
}
