using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Lifecycle;

public class PartialLoadingTests
{
    [Fact]
    public void A_path_filter_loads_only_the_encoder_and_counts_the_rest_as_skipped()
    {
        using var dir = new TempDirectory();
        var pretrained = TrainingRun.Start(seed: 1);
        pretrained.TrainEpoch();
        var path = pretrained.Save(dir.File("pretrained.msgpack"));

        var net = new Mlp(4, 16, 2, seed: 2);
        var headBefore = ModelAssert.Param(net, "head.weight").ToArray();
        var loaded = TrainingCheckpoint.Load(path, net, options: new LoadOptions { PathFilter = name => name.StartsWith("encoder.") });

        var inFile = MsgPackCheckpoint.LoadStateDict(path);
        var saved = ((StateDict)inFile["params"]).Leaves().Concat(((StateDict)inFile["long_term"]).Leaves()).Select(l => l.Key).ToList();
        Assert.Equal(saved.Count(p => p.StartsWith("encoder.")), loaded.Report.LoadedCount);
        Assert.Equal(saved.Count(p => !p.StartsWith("encoder.")), loaded.Report.SkippedCount);
        Assert.Equal(ModelAssert.Param(pretrained.Model, "encoder.weight"), ModelAssert.Param(net, "encoder.weight"));
        Assert.Equal(headBefore, ModelAssert.Param(net, "head.weight"));
    }

    [Fact]
    public void Transfer_learning_to_a_new_output_layer_skips_the_mismatched_head()
    {
        using var dir = new TempDirectory();
        var pretrained = TrainingRun.Start(nOutput: 2);
        pretrained.TrainEpoch();
        var path = TrainingCheckpoint.ExportForInference(dir.File("pretrained.msgpack"), pretrained.Model).FullName;

        var net = new Mlp(4, 16, 5, seed: 3);
        var headBefore = ModelAssert.Param(net, "head.weight").ToArray();
        Assert.Throws<StateMismatchException>(() => TrainingCheckpoint.Load(path, net, options: new LoadOptions { Kinds = StateKinds.Param }));

        var loaded = TrainingCheckpoint.Load(path, net, options: new LoadOptions { Kinds = StateKinds.Param, SkipShapeMismatches = true });
        Assert.Equal(["params.encoder.weight", "params.encoder.bias"], loaded.Report.Loaded);
        Assert.Equal(["params.head.weight", "params.head.bias"], loaded.Report.Skipped);
        Assert.Equal(ModelAssert.Param(pretrained.Model, "encoder.weight"), ModelAssert.Param(net, "encoder.weight"));
        Assert.Equal(headBefore, ModelAssert.Param(net, "head.weight"));
    }

    [Fact]
    public void The_plain_file_facade_honours_the_filter_and_shape_skipping_too()
    {
        using var dir = new TempDirectory();
        var pretrained = new Mlp(4, 16, 2, seed: 1);
        var path = MsgPackCheckpoint.Save(dir.File("model.msgpack"), pretrained);

        var filtered = new Mlp(4, 16, 2, seed: 2);
        var report = MsgPackCheckpoint.Load(path, filtered, new LoadOptions { PathFilter = name => name.StartsWith("encoder.") });
        Assert.Equal(["encoder.weight", "encoder.bias"], report.Loaded);
        Assert.Equal(ModelAssert.Param(pretrained, "encoder.weight"), ModelAssert.Param(filtered, "encoder.weight"));
        Assert.NotEqual(ModelAssert.Param(pretrained, "head.weight"), ModelAssert.Param(filtered, "head.weight"));

        var wider = new Mlp(4, 16, 5, seed: 2);
        report = MsgPackCheckpoint.Load(path, wider, new LoadOptions { SkipShapeMismatches = true });
        Assert.Equal(["head.weight", "head.bias"], report.Skipped);
        Assert.Equal(ModelAssert.Param(pretrained, "encoder.weight"), ModelAssert.Param(wider, "encoder.weight"));
    }
}
