using System.Diagnostics;
using System.Security.Cryptography;
using Checkpoint.Generated;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// The optional sha256 sidecar of plain checkpoint files (issue 17): every format's save writes it when asked, hashed
/// while writing; <c>sha256sum -c</c> (the real tool) accepts it; loads refuse a file that does not match it; a stale
/// one never outlives the data it describes.
/// </summary>
public sealed class ChecksumSidecarTests : IDisposable
{
    private static readonly SaveOptions WithChecksum = SaveOptions.Default with { WriteChecksum = true };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ckpt-sidecar-" + Guid.NewGuid().ToString("N"));

    public ChecksumSidecarTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Formats => ["msgpack", "npz", "npz-compressed", "npy", "safetensors"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_writes_a_sidecar_that_sha256sum_accepts_and_loads_check(string format)
    {
        var path = Save(format, value: 3, WithChecksum);

        Assert.True(File.Exists(path + ".sha256"));
        Assert.Equal($"{Hex(File.ReadAllBytes(path))}  {Path.GetFileName(path)}\n", File.ReadAllText(path + ".sha256"));
        Sha256Sum(path + ".sha256", expectOk: true);
        Assert.Equal(3f, Load(format, path, LoadOptions.Default));

        // A bit flipped in the array data: the structure still parses, only the checksum notices.
        FlipLastDataBit(path, format);
        Sha256Sum(path + ".sha256", expectOk: false);
        var e = Assert.Throws<CheckpointFormatException>(() => Load(format, path, LoadOptions.Default));
        Assert.Contains(path, e.Message);
        Assert.Contains("SHA-256 is", e.Message);
        Assert.Contains($"{Path.GetFileName(path)}.sha256 says", e.Message);
        // The caller may still read it on purpose: the damaged value, unless the format has a check of its own (zip CRCs).
        if (format.StartsWith("npz", StringComparison.Ordinal))
            Assert.DoesNotContain("SHA-256", Assert.Throws<CheckpointFormatException>(() => Load(format, path, LoadOptions.Default with { VerifyChecksum = false })).Message);
        else
            Assert.NotEqual(3f, Load(format, path, LoadOptions.Default with { VerifyChecksum = false }));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Saving_again_without_a_checksum_removes_the_stale_sidecar(string format)
    {
        var path = Save(format, value: 1, WithChecksum);
        Assert.True(File.Exists(path + ".sha256"));

        Save(format, value: 2, SaveOptions.Default);

        Assert.False(File.Exists(path + ".sha256"));
        Assert.Equal(2f, Load(format, path, LoadOptions.Default));
    }

    [Fact]
    public void A_file_without_a_sidecar_loads_and_verify_says_there_is_no_checksum()
    {
        var path = Save("msgpack", value: 4, SaveOptions.Default);
        Assert.Equal(4f, Load("msgpack", path, LoadOptions.Default));
        var check = ChecksumSidecar.Verify(path);
        Assert.False(check.Present);
        Assert.Equal("no checksum: structure only", check.Summary);
    }

    [Fact]
    public void Training_checkpoints_and_the_zoo_write_a_sidecar_by_default()
    {
        var model = new Net().Fill(5);
        var training = TrainingCheckpoint.Save(Path.Combine(_dir, "train.msgpack"), model, epoch: 1);
        var export = TrainingCheckpoint.ExportForInference(Path.Combine(_dir, "export.msgpack"), model);
        var plain = TrainingCheckpoint.Save(Path.Combine(_dir, "plain.msgpack"), model, epoch: 1, writeChecksum: false);
        var zoo = new ModelZoo(Path.Combine(_dir, "zoo"));
        var entry = zoo.Save("net", model);

        Sha256Sum(training + ".sha256", expectOk: true);
        Sha256Sum(export.FullName + ".sha256", expectOk: true);
        Sha256Sum(entry.FullName + ".sha256", expectOk: true);
        Assert.False(File.Exists(plain + ".sha256"));

        // The zoo lists models, not their sidecars, and removes both.
        Assert.Equal(["net"], zoo.List().Select(e => e.Name));
        Assert.True(zoo.Delete("net"));
        Assert.False(File.Exists(entry.FullName + ".sha256"));

        // A damaged training checkpoint is refused before anything is loaded.
        var bytes = File.ReadAllBytes(training);
        var at = IndexOf(bytes, BitConverter.GetBytes(5f));
        bytes[at] ^= 0x40;
        File.WriteAllBytes(training, bytes);
        var target = new Net();
        Assert.Throws<CheckpointFormatException>(() => TrainingCheckpoint.Load(training, target));
        Assert.Equal(0f, target.Weight!.Data[0]);
    }

    private string Save(string format, float value, SaveOptions options)
    {
        var tree = new StateDict { ["weight"] = new TensorNode(NdArray<float>.Full(value, 64)), ["bias"] = new TensorNode(NdArray<float>.Full(value, 8)) };
        var path = Path.Combine(_dir, "model." + format.Split('-')[0]);
        switch (format)
        {
            case "msgpack": MsgPackCheckpoint.Save(path, tree, options: options); break;
            case "npz": NpzCheckpoint.Save(path, tree, options: options); break;
            case "npz-compressed": NpzCheckpoint.Save(path, tree, options: options with { Compressed = true }); break;
            case "npy": NpyCheckpoint.Save(path, NdArray<float>.Full(value, 64), options); break;
            default: SafeTensorsCheckpoint.Save(path, tree, options: options); break;
        }

        return path;
    }

    // The largest value of every array (a flipped bit makes one value larger).
    private static float Load(string format, string path, LoadOptions options)
    {
        StateDict tree = format switch
        {
            "msgpack" => MsgPackCheckpoint.Load(path, new StateDict { ["weight"] = new TensorNode(NdArray<float>.Zeros(64)), ["bias"] = new TensorNode(NdArray<float>.Zeros(8)) }, options, out _),
            "npz" or "npz-compressed" => NpzCheckpoint.Load(path, options),
            "npy" => NpyOpen(path, options),
            _ => SafeTensorsCheckpoint.Load(path, options),
        };
        return tree.Leaves().Max(leaf => ((NdArray<float>)((TensorNode)leaf.Value).Tensor).Data.Max());
    }

    private static StateDict NpyOpen(string path, LoadOptions options)
    {
        using var stream = File.OpenRead(path);
        // The .npy facade takes no options; its open checks the sidecar by default, and VerifyChecksum = false is tested through the stream.
        var array = options.VerifyChecksum ? NpyCheckpoint.Load(path) : global::Checkpoint.Formats.Npy.NpyFile.Open(stream).Array.Tensor;
        return new StateDict { ["weight"] = new TensorNode(array) };
    }

    // Flips a bit of the first float of the array data, making it larger (a compressed archive: a byte in its middle).
    private static void FlipLastDataBit(string path, string format)
    {
        var bytes = File.ReadAllBytes(path);
        var at = format == "npz-compressed" ? bytes.Length / 2 : IndexOf(bytes, BitConverter.GetBytes(3f)) + 2;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }

        throw new InvalidOperationException("pattern not found");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    // The real sha256sum, run in the sidecar's directory as a user would.
    private static void Sha256Sum(string sidecar, bool expectOk)
    {
        var start = new ProcessStartInfo("sha256sum", ["-c", Path.GetFileName(sidecar)])
        {
            WorkingDirectory = Path.GetDirectoryName(sidecar)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(expectOk == (process.ExitCode == 0), $"sha256sum -c {sidecar}: exit {process.ExitCode}: {output}");
    }

    private sealed class Net : IStateful
    {
        private NdArray<float>? _weight = NdArray<float>.Zeros(32);

        public NdArray<float>? Weight => _weight;

        public Net Fill(float value)
        {
            _weight!.AsSpan().Fill(value);
            return this;
        }

        public void VisitState(StateVisitor visitor) => visitor.Value("weight", StateKinds.Param, ref _weight, NdArrayCodec<float>.Instance);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }
}
