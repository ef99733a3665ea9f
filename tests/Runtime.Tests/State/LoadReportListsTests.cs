using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.State;

/// <summary>The report's problem lists are lists: a newcomer writes <c>report.Missing.Count</c> and indexes them.</summary>
public sealed class LoadReportListsTests
{
    [Fact]
    public void Missing_unexpected_and_mismatched_are_lists_of_the_problems_of_their_kind()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("partial.msgpack"), new StateDict
        {
            { "weight", NdArray<float>.Zeros(3, 3) }, // the model's is (2, 3)
            { "bias", new NdArray<double>([1, 2, 3], 3) },
            { "extra", 1 },
        });

        var report = MsgPackCheckpoint.Load(path, new Neuron(), Mismatch.Ignore);

        IReadOnlyList<LoadProblem> missing = report.Missing, unexpected = report.Unexpected, mismatched = report.Mismatched;
        Assert.Equal(["tau", "steps"], missing.Select(p => p.Path));
        Assert.Equal(2, missing.Count);
        Assert.Equal("extra", Assert.Single(unexpected).Path);
        Assert.Equal("extra", unexpected[0].Path);
        Assert.Equal("weight", Assert.Single(mismatched).Path);
        Assert.Equal(report.Problems.Count, missing.Count + unexpected.Count + mismatched.Count);
        Assert.Equal("loaded 1, skipped 0, missing 2, unexpected 1, mismatched 1", report.ToString());
    }
}
