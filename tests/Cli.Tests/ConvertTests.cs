using System.Security.Cryptography;
using System.Text.Json;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>convert IN OUT</c> between .msgpack, .npz, .npy and .safetensors in every direction, values checked by reading
/// the result back (and by numpy, when Debian's python3-numpy is installed); refusals leave no OUT behind.
/// </summary>
public sealed class ConvertTests : IDisposable
{
    private static readonly string[] MapFormats = [".msgpack", ".npz", ".safetensors"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in MapFormats)
            foreach (var to in MapFormats)
                if (from != to) data.Add(from, to);
        return data;
    }

    private string Write(string name, StateDict tree)
    {
        var path = _folder[name];
        Formats.CheckpointFormats.Save(path, tree, Formats.CheckpointFormats.FromExtension(path)!.Value);
        return path;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Converts_every_dtype_with_the_same_values(string from, string to)
    {
        var tree = Trees.ArraysOfEveryCommonDType();
        var input = Write("in" + from, tree);
        var output = _folder["out" + to];

        var result = CliRunner.Run("convert", input, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.StartsWith($"wrote {output} ({to[1..]}, ", result.Output);
        Trees.AssertHolds(output, tree);
        Assert.Equal(0, CliRunner.Run("diff", input, output).ExitCode);
        Assert.Equal(["in" + from, "out" + to], _folder.Names());
    }

    [Theory]
    [InlineData(".msgpack")]
    [InlineData(".npz")]
    [InlineData(".safetensors")]
    public void A_npy_array_goes_into_a_map_format_and_back(string format)
    {
        var array = new NdArray<double>([1.5, -2.5, 3.25, double.NaN, double.NegativeInfinity, -0.0], 2, 3);
        var npy = _folder["weights.npy"];
        NpyCheckpoint.Save(npy, array);

        var into = CliRunner.Run("convert", npy, _folder["map" + format]);
        var back = CliRunner.Run("convert", _folder["map" + format], _folder["back.npy"]);

        Assert.Equal(0, into.ExitCode);
        Assert.Contains("is written as 'weights'", into.Error);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("wrote 'weights' as the one array", back.Error);
        Assert.Equal(File.ReadAllBytes(npy), File.ReadAllBytes(_folder["back.npy"]));
    }

    [Fact]
    public void Name_picks_one_array_of_many_for_npy()
    {
        var input = Write("in.msgpack", Trees.ArraysOfEveryCommonDType());

        var refused = CliRunner.Run("convert", input, _folder["one.npy"]);
        var picked = CliRunner.Run("convert", input, _folder["one.npy"], "--name", "head.steps");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("pick one with --name PATH", refused.Error);
        Assert.Equal(0, picked.ExitCode);
        Assert.Equal([long.MinValue, 42, long.MaxValue], NpyCheckpoint.Load(_folder["one.npy"]).AsBytes().ToArray().Chunk(8).Select(b => BitConverter.ToInt64(b)));
    }

    [Fact]
    public void Options_set_compression_and_chunking()
    {
        var tree = new StateDict { ["zeros"] = new TensorNode(new NdArray<float>(new float[4096], 4096)) };
        var input = Write("in.msgpack", tree);

        Assert.Equal(0, CliRunner.Run("convert", input, _folder["stored.npz"]).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", input, _folder["deflated.npz"], "--compress").ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", _folder["deflated.npz"], _folder["chunked.msgpack"], "--chunk-limit", "1000").ExitCode);

        Assert.True(new FileInfo(_folder["deflated.npz"]).Length < new FileInfo(_folder["stored.npz"]).Length / 10);
        Assert.True(File.ReadAllBytes(_folder["chunked.msgpack"]).AsSpan().IndexOf("__msgpack_chunked_array__"u8) >= 0);
        Trees.AssertHolds(_folder["chunked.msgpack"], tree);
    }

    [Theory]
    [InlineData("out.txt", "OUT must end in .msgpack, .npz, .npy or .safetensors")]
    [InlineData("out.safetensors --compress", "--compress is for .npz output")]
    [InlineData("out.npz --chunk-limit 100", "--chunk-limit is for .msgpack output")]
    [InlineData("out.msgpack --chunk-limit 0", "--chunk-limit must be at least 1 byte")]
    [InlineData("out.npz --name w", "--name picks the array of a .npy OUT")]
    public void Impossible_requests_are_usage_errors(string arguments, string message)
    {
        var input = Write("in.msgpack", Trees.ArraysOfEveryCommonDType());
        var parts = arguments.Split(' ');

        var result = CliRunner.Run(["convert", input, _folder[parts[0]], .. parts[1..]]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Contains("Run 'checkpoint convert --help' for usage.", result.Error);
        Assert.Equal(["in.msgpack"], _folder.Names());
    }

    [Theory]
    [InlineData(".safetensors", "opt.name", "a string")]
    [InlineData(".safetensors", "epoch", "a Python integer")]
    [InlineData(".npz", "opt.name", "a string")]
    [InlineData(".npz", "nothing", "None (null)")]
    public void What_the_target_cannot_hold_is_refused_by_path_leaving_no_file(string format, string path, string what)
    {
        var tree = Trees.ArraysOfEveryCommonDType();
        tree.SetPath(path, what switch { "a string" => "adam", "a Python integer" => 3, _ => NullNode.Instance });
        var input = Write("in.msgpack", tree);

        var result = CliRunner.Run("convert", input, _folder["out" + format]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"checkpoint: Cannot save '{path}' as {format}: it holds {what}", line);
        Assert.Equal(["in.msgpack"], _folder.Names());
    }

    [Fact]
    public void Complex128_is_refused_for_safetensors()
    {
        var input = Write("in.npz", new StateDict { ["z"] = new TensorNode(new NdArray<System.Numerics.Complex>([new(1, 2)], 1)) });

        var result = CliRunner.Run("convert", input, _folder["out.safetensors"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot save 'z' as .safetensors: it holds a complex128 array", result.Error);
        Assert.False(File.Exists(_folder["out.safetensors"]));
    }

    [Fact]
    public void An_existing_out_is_kept_unless_overwrite()
    {
        var input = Write("in.msgpack", Trees.ArraysOfEveryCommonDType());
        var output = _folder["out.npz"];
        File.WriteAllText(output, "keep me");

        var refused = CliRunner.Run("convert", input, output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("exists; pass --overwrite to replace it", refused.Error);
        Assert.Equal("keep me", File.ReadAllText(output));

        Assert.Equal(0, CliRunner.Run("convert", input, output, "--overwrite").ExitCode);
        Trees.AssertHolds(output, Trees.ArraysOfEveryCommonDType());
    }

    [Fact]
    public void Overwriting_removes_the_sidecar_of_the_replaced_file()
    {
        var input = Write("in.msgpack", Trees.ArraysOfEveryCommonDType());
        var output = Write("out.npz", new StateDict { ["old"] = new TensorNode(NdArray<float>.Full(1, 2)) });
        Storage.ChecksumSidecar.Write(output, Storage.ChecksumSidecar.Compute(output));

        var result = CliRunner.Run("convert", input, output, "--overwrite");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("removed " + output + ".sha256", result.Error);
        Assert.False(File.Exists(output + ".sha256"));
        Assert.Equal(0, CliRunner.Run("verify", output).ExitCode);
    }

    [Fact]
    public void In_and_out_the_same_file_is_refused()
    {
        var input = Write("in.npz", Trees.ArraysOfEveryCommonDType());

        var result = CliRunner.Run("convert", input, input, "--overwrite");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("IN and OUT are the same file", result.Error);
    }

    [Fact]
    public void Safetensors_metadata_is_kept_or_its_loss_is_said()
    {
        var input = _folder["in.safetensors"];
        SafeTensorsCheckpoint.Save(input, new StateDict { ["w"] = new TensorNode(NdArray<float>.Full(1, 2)) },
            options: new SaveOptions { Metadata = new Dictionary<string, string> { ["format"] = "pt" } });

        var kept = CliRunner.Run("convert", input, _folder["copy.safetensors"]);
        var dropped = CliRunner.Run("convert", input, _folder["out.npz"]);

        Assert.Equal(0, kept.ExitCode);
        using (var copy = SafeTensorsCheckpoint.Open(_folder["copy.safetensors"])) Assert.Equal("pt", copy.Metadata!["format"]);
        Assert.Equal(0, dropped.ExitCode);
        Assert.Contains("the 1 metadata entries", dropped.Error);
    }

    [Fact]
    public void A_failure_that_is_not_a_checkpoint_error_is_one_line_too()
    {
        var input = Write("in.msgpack", Trees.ArraysOfEveryCommonDType());
        File.WriteAllText(_folder["file"], "a file, not a folder");

        var result = CliRunner.Run("convert", input, Path.Combine(_folder["file"], "out.npz"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("checkpoint: ", line);
    }

    [SkippableFact]
    public void Numpy_reads_the_converted_npz()
    {
        Skip.IfNot(NumpyAvailable(), "/usr/bin/python3 with numpy is not installed (apt-get install python3-numpy); the numpy check is skipped");
        var tree = Trees.ArraysOfEveryCommonDType();
        var input = Write("in.safetensors", tree);
        var output = _folder["out.npz"];
        Assert.Equal(0, CliRunner.Run("convert", input, output).ExitCode);

        const string script = """
            import sys, json, hashlib, numpy as np
            f = np.load(sys.argv[1])
            print(json.dumps({k: [str(f[k].dtype), list(f[k].shape), hashlib.sha256(np.ascontiguousarray(f[k]).astype(f[k].dtype.newbyteorder('<')).tobytes()).hexdigest()] for k in f.files}))
            """;
        var read = JsonDocument.Parse(RunPython(script, output)).RootElement;

        var expected = tree.Leaves().ToList();
        Assert.Equal(expected.Select(e => e.Key).Order(), read.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, node) in expected)
        {
            var tensor = ((TensorNode)node).Tensor;
            var actual = read.GetProperty(name);
            Assert.Equal(tensor.DType.NumpyName(), actual[0].GetString());
            Assert.Equal(tensor.Shape, actual[1].EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(Convert.ToHexString(SHA256.HashData(tensor.AsBytes())).ToLowerInvariant(), actual[2].GetString());
        }
    }

    private static bool NumpyAvailable()
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        try
        {
            RunPython("import numpy");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string RunPython(string script, params string[] args)
    {
        var result = ChildProcess.Run("/usr/bin/python3", ["-c", script, .. args]);
        if (result.ExitCode != 0) throw new InvalidOperationException($"python failed: {result.Error}");
        return result.Output;
    }
}
