using Checkpoint.Tests.Models;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Tests.State;

/// <summary>Missing keys, unexpected keys and wrong shapes under each mismatch mode.</summary>
public class MismatchTests
{
    // A source that differs from a SimpleNet in three ways: Lif.Tau missing, an extra key, a wrong shape.
    private static StateDict FaultySource(out SimpleNet source)
    {
        source = ModelValues.Randomised(4);
        var dict = StateTree.DeepClone(source.ToStateDict());
        Assert.True(((StateDict)dict["Lif"]).Remove("Tau"));
        dict.SetPath("Layers.1.Extra", new FloatNode(1.5));
        dict.SetPath("w_out", new TensorNode(NdArray<float>.Zeros(3, 3)));
        return dict;
    }

    [Fact]
    public void Error_throws_one_exception_listing_every_problem_and_changes_nothing()
    {
        var dict = FaultySource(out _);
        var target = ModelValues.Randomised(9);
        var before = StateTree.DeepClone(target.ToStateDict());

        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(dict));

        Assert.Equal(3, error.Report.Problems.Count);
        Assert.Contains(error.Report.Missing, p => p.Path == "Lif.Tau");
        Assert.Contains(error.Report.Unexpected, p => p.Path == "Layers.1.Extra");
        Assert.Contains(error.Report.Mismatched, p => p.Path == "w_out");
        Assert.Contains("Lif.Tau", error.Message);
        Assert.Contains("Layers.1.Extra", error.Message);
        Assert.Contains("w_out", error.Message);
        AssertSameState(before, target);
    }

    [Fact]
    public void Warn_loads_what_matches_keeps_the_rest_reports_and_logs()
    {
        var dict = FaultySource(out var source);
        var target = ModelValues.Randomised(9);
        var logger = new TestLogger();

        var report = target.LoadStateDict(dict, new LoadOptions { Mismatch = Mismatch.Warn, Logger = logger });

        Assert.Equal(3, report.Problems.Count);
        Assert.Equal(19f, target.Lif.Tau); // missing: kept
        Assert.Equal(10, target.Readout.Shape[0]); // wrong shape: kept
        Assert.Equal(ModelValues.Randomised(9).Readout, target.Readout);
        Assert.Equal(source.Layers[1].Weight, target.Layers[1].Weight); // matching: loaded
        Assert.Equal(source.Lif.SpikeCount, target.Lif.SpikeCount);
        Assert.Equal(3, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
        Assert.Contains(logger.Entries, e => e.Message.Contains("Lif.Tau"));
        Assert.Contains(logger.Entries, e => e.Message.Contains("Layers.1.Extra"));
        Assert.Contains(logger.Entries, e => e.Message.Contains("w_out"));
    }

    [Fact]
    public void Ignore_loads_what_matches_and_logs_nothing()
    {
        var dict = FaultySource(out var source);
        var target = ModelValues.Randomised(9);
        var logger = new TestLogger();

        var report = target.LoadStateDict(dict, new LoadOptions { Mismatch = Mismatch.Ignore, Logger = logger });

        Assert.Equal(3, report.Problems.Count);
        Assert.Empty(logger.Entries);
        Assert.Equal(source.Layers[0].Bias, target.Layers[0].Bias);
        Assert.Equal(19f, target.Lif.Tau);
    }

    [Fact]
    public void Lossless_dtype_conversion_loads_and_lossy_is_a_mismatch()
    {
        var target = new Layer<double>();
        var dict = new StateDict();
        dict.Add("Weight", new TensorNode(new NdArray<float>([1.5f, -2f])));
        dict.Add("Bias", new TensorNode(new NdArray<int>([3, 4])));
        Assert.True(target.LoadStateDict(dict).IsClean);
        Assert.Equal([1.5, -2.0], target.Weight.Data);
        Assert.Equal([3.0, 4.0], target.Bias);

        var narrow = new Layer<float>();
        var wide = new StateDict();
        wide.Add("Weight", new TensorNode(new NdArray<double>([0.1, 0.2])));
        wide.Add("Bias", new TensorNode(new NdArray<float>([1f, 2f])));
        var error = Assert.Throws<StateMismatchException>(() => narrow.LoadStateDict(wide));
        var problem = Assert.Single(error.Report.Problems);
        Assert.Equal(("Weight", LoadProblemKind.Mismatched), (problem.Path, problem.Kind));
        Assert.Contains("float64", problem.Reason);
        Assert.Equal([0f, 0f], narrow.Weight.Data);
    }

    [Fact]
    public void Scalars_load_exact_python_values_and_reject_inexact_ones()
    {
        var target = new Lif(1);
        var dict = new StateDict();
        dict.Add("Tau", new FloatNode(12.0));
        dict.Add("SpikeCount", new IntegerNode(5));
        Assert.True(target.LoadStateDict(dict).IsClean);
        Assert.Equal((12f, 5L), (target.Tau, target.SpikeCount));

        dict["Tau"] = new FloatNode(0.1);
        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(dict));
        Assert.Equal("Tau", Assert.Single(error.Report.Mismatched).Path);
    }

    [Fact]
    public void Wrong_node_types_are_mismatches()
    {
        var target = new Everything();
        var dict = new Everything().ToStateDict();
        dict["Label"] = new IntegerNode(3);
        dict["Vector"] = new StringNode("no");
        dict["Phase"] = new StringNode("Unknown");
        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(dict));
        Assert.Equal(["Vector", "Label", "Phase"], error.Report.Mismatched.Select(p => p.Path).ToArray());
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Rest, Active")]
    [InlineData(" Active")]
    public void Enum_names_must_be_declared_names(string text)
    {
        var target = new Everything();
        var dict = new Everything().ToStateDict();
        dict["Phase"] = new StringNode(text);

        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(dict));

        Assert.Equal("Phase", Assert.Single(error.Report.Mismatched).Path);
        dict["Phase"] = new StringNode("Refractory");
        Assert.True(target.LoadStateDict(dict).IsClean);
        Assert.Equal(Phase.Refractory, target.Phase);
    }

    private static void AssertSameState(StateDict expected, IStateful model)
    {
        var actual = model.ToStateDict();
        foreach (var (path, node) in expected.Leaves())
        {
            Assert.True(actual.TryGetPath(path, out var now), path);
            Assert.Equal(Describe(node), Describe(now!));
        }
    }

    private static string Describe(StateNode node) => node is TensorNode t
        ? Convert.ToHexString(t.Tensor.AsBytes()) + string.Join(",", t.Tensor.Shape)
        : node.ToString() ?? "";
}
