using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Cli.Tests;

public class InspectTextTests
{
    [Fact]
    public void Plain_view_lists_every_leaf_with_dtype_shape_and_values()
    {
        var result = CliRunner.Run("inspect", CliRunner.Fixture("10_nested_dicts.msgpack"));

        Assert.Equal(0, result.ExitCode);
        var expected = (StateDict)MsgPackReader.Read(File.OpenRead(CliRunner.Fixture("10_nested_dicts.msgpack")));
        foreach (var (path, node) in expected.Leaves())
        {
            var line = result.Output.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith(path + " "));
            Assert.True(line is not null, $"no line for {path} in:\n{result.Output}");
            if (node is TensorNode tensor)
            {
                Assert.Contains(tensor.Tensor.DType.NumpyName(), line);
                Assert.Contains(TensorShape.Format(tensor.Tensor.Shape), line);
            }
        }

        Assert.Contains("total:", result.Output);
    }

    [Fact]
    public void Totals_count_arrays_and_their_bytes()
    {
        var result = CliRunner.Run("inspect", CliRunner.Fixture("15_chunked.msgpack"));

        Assert.Equal(0, result.ExitCode);
        // big: 5x8 float32 (160 B, reassembled from chunks), small: 4 float32 (16 B).
        Assert.Contains("2 arrays, 44 elements, 176 B of array data", result.Output);
    }

    [Fact]
    public void Missing_file_is_one_line_on_stderr_and_exit_code_1()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-checkpoint-" + Guid.NewGuid() + ".msgpack");

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"checkpoint: Checkpoint not found: {path}", result.Error.TrimEnd());
    }

    [Fact]
    public void Corrupt_file_is_one_line_on_stderr_and_exit_code_1()
    {
        var path = Path.Combine(Path.GetTempPath(), "corrupt-" + Guid.NewGuid() + ".msgpack");
        var bytes = File.ReadAllBytes(CliRunner.Fixture("01_f32_matrix.msgpack"));
        File.WriteAllBytes(path, bytes[..^5]);
        try
        {
            var result = CliRunner.Run("inspect", path, "--json");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.Output);
            var lines = result.Error.TrimEnd().Split('\n');
            Assert.Single(lines);
            Assert.StartsWith("checkpoint: ", lines[0]);
            Assert.Contains(Path.GetFileName(path), lines[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
