using Checkpoint.Formats;
using Checkpoint.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>Reading .npy files written by numpy: every dtype, both byte orders, Fortran order, 0-d, empty, format versions 2.0 and 3.0.</summary>
public class NpyFixtureTests
{
    public static TheoryData<string> Files => ArrayFixtures.Numpy.Named(".npy");

    [Theory]
    [MemberData(nameof(Files))]
    public void Opening_lazily_reads_what_numpy_wrote(string file)
    {
        using var npy = NpyFile.Open(ArrayFixtures.Numpy.PathOf(file));
        Assert.False(npy.Array.IsLoaded);
        ArrayChecks.Matches(ArrayFixtures.Numpy.Entry(file).GetProperty("array"), npy.Array, file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_stream_that_cannot_seek_gives_the_same_array_in_memory(string file)
    {
        var array = NpyReader.Read(new NonSeekableStream(new MemoryStream(ArrayFixtures.Numpy.Bytes(file))), new LoadOptions { SourceName = file });
        Assert.True(array.IsLoaded);
        ArrayChecks.Matches(ArrayFixtures.Numpy.Entry(file).GetProperty("array"), array, file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reading_in_small_pieces_gives_the_same_bytes_as_reading_at_once(string file)
    {
        using var npy = NpyFile.Open(ArrayFixtures.Numpy.PathOf(file));
        // The source first: once the leaf is read into memory it no longer refers to the file.
        var data = npy.Array.Data!;
        var whole = npy.Array.Tensor.AsBytes().ToArray();
        var pieces = new byte[data.ByteLength];
        // Odd piece sizes cut through elements, as a writer's bounded pieces may.
        for (var offset = 0; offset < pieces.Length; offset += 5) data.Read(offset, pieces.AsSpan(offset, Math.Min(5, pieces.Length - offset)));
        Assert.Equal(whole, pieces);
        // Backwards too (a reader may go back; Fortran-order data restarts its conversion).
        Array.Clear(pieces);
        for (var offset = (pieces.Length - 1) / 3 * 3; offset >= 0; offset -= 3) data.Read(offset, pieces.AsSpan(offset, Math.Min(3, pieces.Length - offset)));
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void The_facade_loads_into_memory_and_the_file_can_then_be_deleted()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("npy-").FullName, "a.npy");
        File.Copy(ArrayFixtures.Numpy.PathOf("fortran.npy"), copy);
        var array = NpyCheckpoint.Load(copy);
        File.Delete(copy);
        var expected = ArrayFixtures.Numpy.Entry("fortran.npy").GetProperty("array");
        Assert.Equal(expected.GetProperty("sha256").GetString(), ArrayChecks.Sha256(array));
        Assert.Equal([2, 3, 4], array.Shape);
    }

    [Fact]
    public void Reading_after_the_file_is_closed_is_a_clear_error()
    {
        TensorNode lazy;
        using (var npy = NpyFile.Open(ArrayFixtures.Numpy.PathOf("float32.npy"))) lazy = npy.Array;
        var error = Assert.Throws<CheckpointException>(() => lazy.Tensor);
        Assert.Contains("float32.npy was closed", error.Message);
    }

    [Fact]
    public void Opening_reads_only_the_header()
    {
        var bytes = ArrayFixtures.Numpy.Bytes("float64.npy");
        var counting = new CountingStream(new MemoryStream(bytes));
        using var npy = NpyFile.Open(counting);
        Assert.True(counting.BytesRead <= 128, $"opening read {counting.BytesRead} bytes");
        _ = npy.Array.Tensor;
        Assert.Equal(bytes.Length, counting.BytesRead, 64.0);
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid() + ".npy");
        Assert.Throws<CheckpointNotFoundException>(() => NpyCheckpoint.Load(missing));
    }

    [Fact]
    public void Bfloat16_saved_by_numpy_as_raw_records_is_refused_by_name()
    {
        // What np.save writes for an ml_dtypes bfloat16 array: the dtype is only '<V2'.
        var header = "{'descr': '<V2', 'fortran_order': False, 'shape': (2,), }";
        var bytes = NpyBytes(header, new byte[4]);
        var error = Assert.Throws<CheckpointFormatException>(() => NpyReader.Read(new MemoryStream(bytes), new LoadOptions { SourceName = "bf16.npy" }));
        Assert.Contains("bfloat16", error.Message);
        Assert.Equal("bf16.npy", error.FileName);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "expected exactly descr, fortran_order, shape")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "expected exactly")]
    [InlineData("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", "has no element type")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "structured")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }", "fortran_order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "non-negative")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [2], }", "not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", "not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } junk", "text after")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }", "limit")]
    [InlineData("{'descr': '<f4', 'fortran_order': __import__('os'), 'shape': (2,), }", "not a Python dictionary literal")]
    public void Headers_numpy_would_not_read_or_this_library_cannot_hold_are_refused(string header, string expected)
    {
        var error = Assert.Throws<CheckpointFormatException>(() => NpyReader.Read(new MemoryStream(NpyBytes(header, new byte[8]))));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Python2_long_suffixes_in_old_headers_are_read()
    {
        var array = NpyReader.Read(new MemoryStream(NpyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (2L,), }", [1, 0, 0, 0, 2, 0, 0, 0])));
        Assert.Equal([1, 2], ((NdArray<int>)array.Tensor).Data);
    }

    [Fact]
    public void Data_longer_or_shorter_than_the_shape_needs_is_refused()
    {
        const string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
        Assert.Contains("follow the array data", Assert.Throws<CheckpointFormatException>(() => NpyReader.Read(new MemoryStream(NpyBytes(header, new byte[12])))).Message);
        Assert.Contains("needs 8 data bytes but only 4", Assert.Throws<CheckpointFormatException>(() => NpyReader.Read(new MemoryStream(NpyBytes(header, new byte[4])))).Message);
    }

    /// <summary>A version 1.0 .npy file with the given header text (padded as numpy pads) and data.</summary>
    internal static byte[] NpyBytes(string header, byte[] data)
    {
        var text = header + new string(' ', 63 - (10 + header.Length) % 64) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(text.Length & 0xFF), (byte)(text.Length >> 8) };
        bytes.AddRange(System.Text.Encoding.Latin1.GetBytes(text));
        bytes.AddRange(data);
        return [.. bytes];
    }
}
