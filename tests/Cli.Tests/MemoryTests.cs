using Xunit.Abstractions;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>inspect</c> and <c>verify</c> read structure, never whole files: the peak resident memory of the real tool on a
/// 1 GiB file stays within 64 MiB (issue 12: a 1.6 GB file used to take 1.6 GB). What reads every byte (--json hashes,
/// a sidecar check, convert, diff) streams it in pieces, shown on a 256 MiB file. Measured, not timed
/// (<see cref="CliProcess.RunMeasured"/>).
/// </summary>
public sealed class MemoryTests(LargeFile large, ITestOutputHelper log) : IClassFixture<LargeFile>
{
    private const long Limit = 64L << 20;

    private long Measure(params string[] args) => Measure(args, expectedExitCode: 0);

    private long Measure(string[] args, int expectedExitCode)
    {
        var (exitCode, peak) = CliProcess.RunMeasured(args);
        log.WriteLine($"checkpoint {string.Join(' ', args)}: exit {exitCode}, peak RSS {peak / 1024.0 / 1024:F1} MiB");
        Assert.Equal(expectedExitCode, exitCode);
        Assert.True(peak <= Limit, $"checkpoint {string.Join(' ', args)} peaked at {peak / 1024.0 / 1024:F1} MiB");
        return peak;
    }

    [Fact]
    public void The_files_are_1_GiB_and_256_MiB()
    {
        Assert.True(large.Length > LargeFile.Arrays * LargeFile.ArrayBytes, $"{large.Length} bytes");
        Assert.True(new FileInfo(large.MediumPath).Length > LargeFile.ArrayBytes);
    }

    [Fact]
    public void Inspect_of_a_1_GiB_file_stays_within_64_MiB()
    {
        var small = Measure("inspect", CliRunner.Fixture("01_f32_matrix.msgpack"));
        var peak = Measure("inspect", large.Path);

        // Independent of the file's size: within a few MiB of inspecting a 36-byte file.
        Assert.True(peak - small < 16L << 20, $"{peak >> 20} MiB against {small >> 20} MiB for a tiny file");
    }

    [Fact]
    public void Verify_of_a_1_GiB_file_stays_within_64_MiB() => Measure("verify", large.Path);

    [Fact]
    public void Inspect_and_verify_of_the_folder_holding_it_stay_within_64_MiB()
    {
        Measure("inspect", large.Folder);
        Measure("verify", large.Folder);
    }

    [Fact]
    public void Inspect_json_hashes_every_array_in_pieces() => Measure("inspect", large.MediumPath, "--json");

    [Fact]
    public void Verify_against_a_sidecar_reads_the_whole_file_in_pieces()
    {
        using var folder = new TempFolder();
        var linked = folder["medium.msgpack"];
        File.CreateSymbolicLink(linked, large.MediumPath);
        Storage.ChecksumSidecar.Write(linked, Storage.ChecksumSidecar.Compute(large.MediumPath));

        Measure("verify", linked);
    }

    [Fact]
    public void Convert_and_diff_stream_arrays_in_pieces()
    {
        using var folder = new TempFolder();
        var converted = folder["medium.npz"];

        Measure("convert", large.MediumPath, converted);
        // Every array element is compared; the one difference is the step, a Python int in msgpack, an int64 array in npz.
        Measure(["diff", large.MediumPath, converted], expectedExitCode: 1);
    }
}
