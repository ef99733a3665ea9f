namespace Checkpoint.Cli.Tests;

/// <summary>
/// Issue 17, finding 7: <c>verify FILE</c> said "intact" for a plain file with a flipped bit in its tensor data, which
/// no format can detect. With a sha256sum-compatible <c>FILE.sha256</c> it is checked (and one made by the real
/// <c>sha256sum</c> works); without one the tool says it checked the structure only.
/// </summary>
public sealed class SidecarTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Model()
    {
        var path = _folder["model.msgpack"];
        MsgPackCheckpoint.Save(path, new StateDict { ["w"] = new TensorNode(new NdArray<float>(Enumerable.Range(0, 256).Select(i => (float)i).ToArray(), 16, 16)) });
        return path;
    }

    /// <summary>Writes <c>model.msgpack.sha256</c> with the system's sha256sum, run in the file's folder as a user would.</summary>
    private void Sha256Sum(string file)
    {
        var result = ChildProcess.Run("sha256sum", [Path.GetFileName(file)], start => start.WorkingDirectory = _folder.Path);
        Assert.Equal(0, result.ExitCode);
        File.WriteAllText(file + ".sha256", result.Output);
    }

    private static void FlipByteInTensorData(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 0x01; // inside the 1 KiB of float32 data at the end of the file
        File.WriteAllBytes(file, bytes);
    }

    [Fact]
    public void A_sidecar_from_sha256sum_is_checked()
    {
        var model = Model();
        Sha256Sum(model);

        var result = CliRunner.Run("verify", model);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{model}: intact (SHA-256 matches; msgpack", result.Output);
    }

    [Fact]
    public void A_flipped_byte_fails_against_the_sidecar_naming_both_hashes()
    {
        var model = Model();
        Sha256Sum(model);
        var expected = File.ReadAllText(model + ".sha256")[..64];
        FlipByteInTensorData(model);
        var actual = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model))).ToLowerInvariant();

        var result = CliRunner.Run("verify", model);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{model}: CORRUPT: ", result.Output);
        Assert.Contains(expected, result.Output);
        Assert.Contains(actual, result.Output);
    }

    [Fact]
    public void Without_a_sidecar_it_says_the_structure_only_was_checked()
    {
        var model = Model();
        FlipByteInTensorData(model);

        var result = CliRunner.Run("verify", model);

        // The flipped bit is in array data, which nothing checks without a checksum: exit 0, and it says so.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no checksum: structure only", result.Output);
        Assert.DoesNotContain("intact", result.Output);
    }

    [Fact]
    public void A_folder_of_files_with_and_without_sidecars()
    {
        var model = Model();
        Sha256Sum(model);
        NpzCheckpoint.Save(_folder["plain.npz"], new StateDict { ["a"] = new TensorNode(new NdArray<int>([1, 2, 3], 3)) });
        SafeTensorsCheckpoint.Save(_folder["plain.safetensors"], new StateDict { ["a"] = new TensorNode(new NdArray<int>([1, 2, 3], 3)) });

        var result = CliRunner.Run("verify", _folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("model.msgpack: intact (SHA-256 matches", result.Output);
        Assert.Contains("plain.npz: intact (CRC-32 of every member matches", result.Output);
        Assert.Contains("plain.safetensors: structure OK; no checksum: structure only", result.Output);
        Assert.Contains("3 file(s): 2 intact, 1 structure only (no checksum)", result.Output);

        FlipByteInTensorData(model);
        var corrupt = CliRunner.Run("verify", _folder.Path);
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("3 file(s): 1 intact, 1 structure only (no checksum), 1 corrupt", corrupt.Output);
    }

    [Fact]
    public void A_corrupt_npz_member_fails_its_crc()
    {
        var path = _folder["data.npz"];
        NpzCheckpoint.Save(path, new StateDict { ["a"] = new TensorNode(new NdArray<long>(Enumerable.Range(0, 64).Select(i => (long)i).ToArray(), 64)) });
        var bytes = File.ReadAllBytes(path);
        var data = bytes.AsSpan().IndexOf(BitConverter.GetBytes(40L));
        bytes[data] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var result = CliRunner.Run("verify", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CRC-32 mismatch", result.Output);
    }
}
