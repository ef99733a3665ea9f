using Checkpoint.Management;

namespace Checkpoint.Cli.Tests;

/// <summary><c>verify</c> and <c>inspect</c> on CheckpointManager directories, intact and damaged.</summary>
public sealed class ManagerDirectoryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ckpt-cli-" + Guid.NewGuid().ToString("N"));

    public ManagerDirectoryTests()
    {
        using var manager = new CheckpointManager(_dir);
        for (var step = 1; step <= 3; step++)
        {
            var model = new StateDict { { "weight", new TensorNode(NdArray<float>.Full(step, 100)) } };
            manager.Save(step * 10, model, metrics: new Dictionary<string, double> { ["loss"] = 1.0 / step });
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StepFile(int step, string name) => Path.Combine(_dir, $"step_{step:D8}", name);

    [Fact]
    public void VerifyOfAnIntactDirectoryListsEveryStepAndExitsZero()
    {
        var result = CliRunner.Run("verify", _dir);
        Assert.Equal(0, result.ExitCode);
        foreach (var step in new[] { 10, 20, 30 }) Assert.Contains($"step {step}: intact", result.Output);
        Assert.Contains("3 step(s), all intact", result.Output);
    }

    [Fact]
    public void VerifyReportsACorruptDataFileAndATruncatedManifestAndExitsOne()
    {
        var model = StepFile(20, "model.msgpack");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, bytes);
        var manifest = StepFile(30, "manifest.json");
        File.WriteAllBytes(manifest, File.ReadAllBytes(manifest)[..40]);

        var result = CliRunner.Run("verify", _dir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("step 10: intact", result.Output);
        Assert.Contains("step 20: CORRUPT: model.msgpack has checksum", result.Output);
        Assert.Contains("step 30: CORRUPT: ", result.Output);
        Assert.Contains("manifest", result.Output.Split('\n').Single(l => l.StartsWith("step 30")));
        Assert.Contains("1 intact, 2 corrupt", result.Output);
    }

    [Fact]
    public void VerifyOfASingleFileChecksThatItParses()
    {
        var good = CliRunner.Run("verify", StepFile(10, "model.msgpack"));
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("structure OK; no checksum: structure only", good.Output);

        var truncated = Path.Combine(_dir, "truncated.msgpack");
        File.WriteAllBytes(truncated, File.ReadAllBytes(StepFile(10, "model.msgpack"))[..50]);
        var bad = CliRunner.Run("verify", truncated);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("CORRUPT", bad.Output);
    }

    [Fact]
    public void VerifyOfAnEmptyOrMissingDirectoryFails()
    {
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(1, CliRunner.Run("verify", empty).ExitCode);
        Assert.Equal(1, CliRunner.Run("verify", Path.Combine(_dir, "nope")).ExitCode);
        Assert.Equal(2, CliRunner.Run("verify").ExitCode);
    }

    [Fact]
    public void InspectOfADirectoryListsStepsWithTimeMetricsSizeAndStatus()
    {
        File.Delete(StepFile(30, "model.msgpack"));
        var result = CliRunner.Run("inspect", _dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 step(s)", result.Output);
        var lines = result.Output.Split('\n');
        var line10 = lines.Single(l => l.TrimStart().StartsWith("10 "));
        Assert.Contains("intact", line10);
        Assert.Contains("loss=1", line10);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd"), line10);
        Assert.Contains("loss=0.5", lines.Single(l => l.TrimStart().StartsWith("20 ")));
        Assert.Contains("corrupt", lines.Single(l => l.TrimStart().StartsWith("30 ")));
        Assert.Contains("model.msgpack is missing", result.Output);
    }

    [Fact]
    public void InspectOfADirectoryAsJson()
    {
        var result = CliRunner.Run("inspect", _dir, "--json");
        Assert.Equal(0, result.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        var steps = document.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([10L, 20, 30], steps.Select(s => s.GetProperty("step").GetInt64()));
        Assert.All(steps, s => Assert.True(s.GetProperty("intact").GetBoolean()));
        Assert.Equal(1.0 / 3, steps[2].GetProperty("metrics").GetProperty("loss").GetDouble());
    }

    [Fact]
    public void UsageMentionsVerify()
    {
        var result = CliRunner.Run("--help");
        Assert.Contains("verify <FILE|DIR>", result.Output);
    }
}
