using System.Text.Json;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>inspect DIR</c> of a folder of plain checkpoint files (the BrainPy guide's <c>checkpoints/epoch_5.msgpack</c>, a
/// model zoo, files of every format): it lists them, where it used to say <c>0 step(s)</c>.
/// </summary>
public sealed class FolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public FolderTests()
    {
        foreach (var epoch in new[] { 1, 5 })
        {
            // The training layout: epoch and version at the top, params, a metadata map.
            MsgPackCheckpoint.Save(_folder[$"epoch_{epoch}.msgpack"], new StateDict
            {
                ["version"] = "1.0",
                ["epoch"] = epoch,
                ["params"] = new StateDict { ["w"] = new TensorNode(NdArray<float>.Full(epoch, 4, 4)), ["b"] = new TensorNode(NdArray<float>.Full(0, 4)) },
                ["metadata"] = new StateDict { ["accuracy"] = 0.5 + epoch / 10.0, ["description"] = "guide" },
            });
        }

        SafeTensorsCheckpoint.Save(_folder["model.safetensors"], new StateDict { ["w"] = new TensorNode(NdArray<float>.Full(1, 2)) },
            options: new SaveOptions { Metadata = new Dictionary<string, string> { ["format"] = "pt" } });
        NpzCheckpoint.Save(_folder["params.npz"], new StateDict { ["a"] = new TensorNode(NdArray<float>.Full(1, 2)), ["b"] = new TensorNode(NdArray<float>.Full(1, 2)) });
        File.WriteAllBytes(_folder["broken.msgpack"], [0x81, 0xa1, 0x77]);
        File.WriteAllText(_folder["notes.txt"], "not a checkpoint");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lists_every_checkpoint_file_with_format_size_arrays_and_metadata()
    {
        var result = CliRunner.Run("inspect", _folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("step(s)", result.Output);
        Assert.Contains($"{_folder.Path}: 5 checkpoint file(s)", result.Output);
        var lines = result.Output.Split('\n');
        string Line(string name) => lines.Single(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Matches(@"epoch_5\.msgpack +msgpack +\d+ B +2 +version=""1\.0"" epoch=5 accuracy=1\.0 description=""guide""", Line("epoch_5.msgpack"));
        Assert.Matches(@"epoch_1\.msgpack +msgpack +\d+ B +2 +.*epoch=1 accuracy=0\.6", Line("epoch_1.msgpack"));
        Assert.Matches(@"model\.safetensors +safetensors +\d+ B +1 +format=""pt""", Line("model.safetensors"));
        Assert.Matches(@"params\.npz +npz +.* +2$", Line("params.npz"));
        Assert.Contains("! Corrupt checkpoint", Line("broken.msgpack"));
        Assert.DoesNotContain("notes.txt", result.Output);
    }

    [Fact]
    public void Lists_them_as_json()
    {
        var result = CliRunner.Run("inspect", _folder.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        Assert.False(document.RootElement.GetProperty("manager").GetBoolean());
        var files = document.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        Assert.Equal(["broken.msgpack", "epoch_1.msgpack", "epoch_5.msgpack", "model.safetensors", "params.npz"], files.Keys.Order());
        Assert.Equal(5, files["epoch_5.msgpack"].GetProperty("metadata").GetProperty("epoch").GetInt32());
        Assert.Equal(2, files["epoch_5.msgpack"].GetProperty("arrays").GetInt32());
        Assert.Equal(64 + 16, files["epoch_5.msgpack"].GetProperty("array_bytes").GetInt64());
        Assert.Equal("pt", files["model.safetensors"].GetProperty("metadata").GetProperty("format").GetString());
        Assert.Equal("npz", files["params.npz"].GetProperty("format").GetString());
        Assert.Contains("Corrupt checkpoint", files["broken.msgpack"].GetProperty("error").GetString());
    }

    [Fact]
    public void A_link_inside_the_folder_is_not_followed()
    {
        var outside = Path.Combine(Path.GetTempPath(), "ckpt-outside-" + Guid.NewGuid().ToString("N") + ".msgpack");
        File.Copy(_folder["epoch_1.msgpack"], outside);
        try
        {
            File.CreateSymbolicLink(_folder["linked.msgpack"], outside);

            var inspect = CliRunner.Run("inspect", _folder.Path);
            var verify = CliRunner.Run("verify", _folder.Path);
            var named = CliRunner.Run("inspect", _folder["linked.msgpack"]);

            Assert.Contains("linked.msgpack", inspect.Output);
            Assert.Contains("not followed", inspect.Output.Split('\n').Single(l => l.Contains("linked.msgpack")));
            Assert.Contains("linked.msgpack: CORRUPT: a symbolic link", verify.Output);
            // A link the user names is their choice.
            Assert.Equal(0, named.ExitCode);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void An_empty_folder_says_there_is_nothing()
    {
        var empty = _folder["empty"];
        Directory.CreateDirectory(empty);

        var inspect = CliRunner.Run("inspect", empty);
        var verify = CliRunner.Run("verify", empty);

        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("no checkpoints", inspect.Output);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("no checkpoint steps", verify.Error);
    }
}
