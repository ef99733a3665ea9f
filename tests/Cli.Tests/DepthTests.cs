using System.Text.Json;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// Issue 17, finding 5: <c>inspect --json</c> crashed (exit 134, Utf8JsonWriter's depth limit of 1000) on valid files
/// nested about 500 levels. Every view must handle any depth the reader accepts: <see cref="CheckpointLimits.DefaultMaxDepth"/>.
/// </summary>
public sealed class DepthTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A file of <paramref name="levels"/> nested maps (the root is the first), with an array and a string at the bottom.</summary>
    private string Nested(int levels)
    {
        var root = new StateDict();
        var map = root;
        for (var level = 1; level < levels; level++)
        {
            var child = new StateDict();
            map["k"] = child;
            map = child;
        }

        map["w"] = new TensorNode(new NdArray<float>([1.5f, 2.5f], 2));
        map["s"] = "bottom";
        var path = _folder[$"nested{levels}.msgpack"];
        MsgPackCheckpoint.Save(path, root, options: new SaveOptions { MaxDepth = levels + 1 });
        return path;
    }

    [Fact]
    public void The_file_is_at_the_readers_limit()
    {
        using var accepted = CheckpointFile.Open(Nested(CheckpointLimits.DefaultMaxDepth));
        Assert.Throws<CheckpointFormatException>(() => CheckpointFile.Open(Nested(CheckpointLimits.DefaultMaxDepth + 1)).Dispose());
    }

    [Fact]
    public void Json_describes_a_file_nested_to_the_readers_limit()
    {
        var result = CliRunner.Run("inspect", Nested(CheckpointLimits.DefaultMaxDepth), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        using var document = JsonDocument.Parse(result.Output, new JsonDocumentOptions { MaxDepth = 4 * CheckpointLimits.DefaultMaxDepth });
        var node = document.RootElement.GetProperty("root");
        var maps = 0;
        while (node.GetProperty("kind").GetString() == "map")
        {
            maps++;
            var items = node.GetProperty("items");
            if (!items.TryGetProperty("k", out var child))
            {
                Assert.Equal("ndarray", items.GetProperty("w").GetProperty("kind").GetString());
                Assert.Equal("bottom", items.GetProperty("s").GetProperty("value").GetString());
                break;
            }

            node = child;
        }

        Assert.Equal(CheckpointLimits.DefaultMaxDepth, maps);
    }

    [Fact]
    public void The_real_process_does_not_crash_on_the_deepest_file()
    {
        var path = Nested(CheckpointLimits.DefaultMaxDepth);

        var json = CliProcess.Run("inspect", path, "--json");
        var text = CliProcess.Run("inspect", path);

        Assert.Equal(0, json.ExitCode);
        Assert.Equal("", json.Error);
        Assert.Equal(0, text.ExitCode);
        var deepest = string.Join(".", Enumerable.Repeat("k", CheckpointLimits.DefaultMaxDepth - 1)) + ".w";
        Assert.Contains(text.Output.Split('\n'), line => line.TrimStart().StartsWith(deepest + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_nested_deeper_than_the_limit_is_one_line_and_exit_code_1()
    {
        var path = Nested(CheckpointLimits.DefaultMaxDepth + 1);

        foreach (var args in new[] { new[] { "inspect", path, "--json" }, ["inspect", path], ["diff", path, path], ["convert", path, _folder["out.npz"]] })
        {
            var result = CliRunner.Run(args);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.Output);
            Assert.Single(result.Error.TrimEnd().Split('\n'));
            Assert.Contains($"nesting deeper than {CheckpointLimits.DefaultMaxDepth} levels", result.Error);
        }

        var verify = CliRunner.Run("verify", path);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("CORRUPT", verify.Output);
        Assert.False(File.Exists(_folder["out.npz"]));
    }
}
