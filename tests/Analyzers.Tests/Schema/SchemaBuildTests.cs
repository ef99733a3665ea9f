using System.Text.RegularExpressions;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>
/// <c>dotnet build</c> of SchemaSample/, a project with a checkpoint schema written before a rename without
/// FormerNames, a rename with FormerNames and a dtype change: the build warns exactly where the markers say; mapping
/// the rename with FormerNames clears its warning.
/// </summary>
public partial class SchemaBuildTests
{
    private static readonly string Sample = BuildOutputTests.FindSample("SchemaSample");

    [GeneratedRegex(@": warning (?<id>CKPT\d{4}): (?<message>[^\[]*)")]
    private static partial Regex Warning();

    [Fact]
    public void A_rename_without_FormerNames_and_a_dtype_change_warn_at_build()
    {
        var output = BuildOutputTests.Build(Sample);
        BuildOutputTests.AssertExactlyMarked(Sample, output);
        Assert.Contains("'Encoder.Weight' of Net is gone", output);
        Assert.Contains("saved as float32, which does not convert losslessly to float16", output);

        // The same project with [Param(FormerNames = ["Weight"])] on Kernel: the gone path is read again.
        var mapped = BuildOutputTests.Build(Sample, "DefineConstants=MAPPED");
        var before = Warnings(output);
        var after = Warnings(mapped);
        Assert.Contains(before, w => w.StartsWith("CKPT0018", StringComparison.Ordinal));
        Assert.DoesNotContain(after, w => w.StartsWith("CKPT0018", StringComparison.Ordinal));
        Assert.Equal(before.Where(w => !w.StartsWith("CKPT0018", StringComparison.Ordinal)), after);
    }

    private static List<string> Warnings(string output) =>
        Warning().Matches(output).Select(m => m.Groups["id"].Value + " " + m.Groups["message"].Value.Trim()).Distinct().Order().ToList();
}
