using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>Former names, path filters and skipping shape mismatches.</summary>
public class PartialLoadTests
{
    [Fact]
    public void Former_names_load_and_are_reported_as_renames()
    {
        var source = new BatchNorm();
        ModelValues.Fill(source.Bias, 3f);
        var dict = StateTree.DeepClone(source.ToStateDict());
        Assert.True(dict.Rename("bias", "b"));

        var target = new BatchNorm();
        var report = target.LoadStateDict(dict);

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(source.Bias, target.Bias);
        var rename = Assert.Single(report.Renamed);
        Assert.Equal(("b", "bias"), (rename.From, rename.To));
        Assert.Equal(["bias_v1", "b"], target.States().Single(e => e.Path == "bias").FormerPaths);
    }

    [Fact]
    public void Former_names_of_children_carry_the_prefix()
    {
        var source = new NormHolder();
        ModelValues.Fill(source.Norm.Bias, 2f);
        var dict = StateTree.DeepClone(source.ToStateDict());
        Assert.True(((StateDict)dict["Norm"]).Rename("bias", "bias_v1"));
        var target = new NormHolder();

        var report = target.LoadStateDict(dict);

        Assert.Equal(["Norm.bias_v1", "Norm.b"], target.States().Single(e => e.Path == "Norm.bias").FormerPaths);
        Assert.Equal(("Norm.bias_v1", "Norm.bias"), (report.Renamed.Single().From, report.Renamed.Single().To));
        Assert.Equal(source.Norm.Bias, target.Norm.Bias);
    }

    [Fact]
    public void Path_filter_loads_only_matching_entries_and_reports_nothing_missing()
    {
        var source = ModelValues.Randomised(6);
        var dict = source.ToStateDict();
        ((StateDict)dict["Lif"]).Remove("Tau"); // outside the filter: not missing
        var target = new SimpleNet();

        var report = target.LoadStateDict(dict, new LoadOptions { PathFilter = p => p.StartsWith("Layers.", StringComparison.Ordinal) });

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(["Layers.0.Weight", "Layers.0.Bias", "Layers.1.Weight", "Layers.1.Bias"], report.Loaded);
        Assert.Equal(source.Layers[1].Bias, target.Layers[1].Bias);
        Assert.Equal(10f, target.Lif.Tau);
        Assert.Equal(new SimpleNet().Readout, target.Readout);
        Assert.Contains("w_out", report.Skipped);
    }

    [Fact]
    public void Skip_shape_mismatches_loads_the_rest()
    {
        var source = ModelValues.Randomised(2);
        var dict = StateTree.DeepClone(source.ToStateDict());
        dict["w_out"] = new TensorNode(NdArray<float>.Zeros(5, 10));
        var target = new SimpleNet();

        var report = target.LoadStateDict(dict, new LoadOptions { SkipShapeMismatches = true });

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(["w_out"], report.Skipped);
        Assert.Equal([10, 10], target.Readout.Shape);
        Assert.Equal(source.Layers[0].Weight, target.Layers[0].Weight);
    }
}
