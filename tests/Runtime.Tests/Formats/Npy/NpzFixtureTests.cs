using Checkpoint.Formats;
using Checkpoint.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>Reading np.savez and np.savez_compressed archives written by numpy.</summary>
public class NpzFixtureTests
{
    public static TheoryData<string> Files => ArrayFixtures.Numpy.Named(".npz");

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_array_is_what_numpy_reads_and_names_keep_numpy_order(string file)
    {
        var expected = ArrayFixtures.Numpy.Entry(file);
        using var npz = NpzFile.Open(ArrayFixtures.Numpy.PathOf(file));
        Assert.Equal(expected.GetProperty("names").EnumerateArray().Select(n => n.GetString()), npz.Names);
        foreach (var array in expected.GetProperty("arrays").EnumerateObject())
        {
            var node = Assert.IsType<TensorNode>(npz.Root.GetPath(array.Name));
            Assert.False(node.IsLoaded);
            ArrayChecks.Matches(array.Value, node, $"{file}:{array.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dotted_names_nest_and_positional_names_stay(string file)
    {
        var tree = NpzCheckpoint.Load(ArrayFixtures.Numpy.PathOf(file));
        Assert.Equal(["encoder", "decoder", "step", "empty", "mask", "big", "fortran", "z", "arr_0", "arr_1"], tree.Keys);
        var encoder = Assert.IsType<StateDict>(tree["encoder"]);
        Assert.Equal(["weight", "bias"], encoder.Keys);
        Assert.True(Assert.IsType<TensorNode>(encoder["weight"]).IsLoaded);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Keeping_dotted_names_gives_the_names_as_keys(string file)
    {
        var tree = NpzCheckpoint.Load(ArrayFixtures.Numpy.PathOf(file), new LoadOptions { KeepDottedNames = true });
        Assert.Equal(ArrayFixtures.Numpy.Entry(file).GetProperty("names").EnumerateArray().Select(n => n.GetString()), tree.Keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_stream_that_cannot_seek_gives_the_same_arrays_in_memory(string file)
    {
        var tree = NpzReader.Read(new NonSeekableStream(new MemoryStream(ArrayFixtures.Numpy.Bytes(file))));
        foreach (var array in ArrayFixtures.Numpy.Entry(file).GetProperty("arrays").EnumerateObject())
        {
            var node = Assert.IsType<TensorNode>(tree.GetPath(array.Name));
            Assert.True(node.IsLoaded);
            ArrayChecks.Matches(array.Value, node, $"{file}:{array.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Arrays_read_in_any_order_and_in_pieces_are_still_right(string file)
    {
        using var npz = NpzFile.Open(ArrayFixtures.Numpy.PathOf(file));
        foreach (var array in ArrayFixtures.Numpy.Entry(file).GetProperty("arrays").EnumerateObject().Reverse())
        {
            var data = Assert.IsType<TensorNode>(npz.Root.GetPath(array.Name)).Data!;
            var target = DTypes.CreateTensor(data.ByteLength == 0 ? DType.UInt8 : DType.UInt8, [(int)data.ByteLength]);
            for (var offset = (int)data.ByteLength - 1; offset >= 0; offset -= 7)
                data.Read(Math.Max(0, offset - 6), target.AsBytes().Slice(Math.Max(0, offset - 6), Math.Min(7, offset + 1)));
            Assert.Equal(array.Value.GetProperty("sha256").GetString(), ArrayChecks.Sha256(target));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Arrays_of_one_open_archive_can_be_read_from_several_threads(string file)
    {
        var expected = ArrayFixtures.Numpy.Entry(file).GetProperty("arrays");
        using var npz = NpzFile.Open(ArrayFixtures.Numpy.PathOf(file));
        var names = expected.EnumerateObject().Select(a => a.Name).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, names.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var name = names[i % names.Length];
            var data = ((TensorNode)npz.Root.GetPath(name)).Data!;
            var target = DTypes.CreateTensor(DType.UInt8, [(int)data.ByteLength]);
            data.CopyTo(target);
            if (ArrayChecks.Sha256(target) != expected.GetProperty(name).GetProperty("sha256").GetString()) failures.Add(name);
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void A_stored_member_is_read_from_its_range_of_the_file_without_reading_the_others()
    {
        var bytes = ArrayFixtures.Numpy.Bytes("savez.npz");
        var counting = new CountingStream(new MemoryStream(bytes));
        using var npz = NpzFile.Open(counting);
        var afterOpen = counting.BytesRead;
        var step = Assert.IsType<TensorNode>(npz.Root["step"]);
        Assert.Equal(42L, ((NdArray<long>)step.Tensor).Data[0]);
        Assert.InRange(counting.BytesRead - afterOpen, 1, 64);
    }

    [Fact]
    public void A_corrupt_stored_member_fails_its_crc_check_when_read_whole()
    {
        var bytes = ArrayFixtures.Numpy.Bytes("savez.npz");
        using (var clean = NpzFile.Open(new MemoryStream(bytes)))
        {
            // Flip one bit in the last byte of the 'decoder.weight' data: the values change, the structure does not.
            var data = ((TensorNode)clean.Root.GetPath("decoder.weight")).Data!;
            var location = data.Location;
            Assert.Contains("member decoder.weight.npy (stored)", location);
        }

        var index = IndexOf(bytes, "decoder.weight.npy"u8.ToArray());
        var dataStart = index + "decoder.weight.npy".Length + 20 + 128; // name, zip64 extra, .npy header
        bytes[dataStart + 31] ^= 0x10;
        using var npz = NpzFile.Open(new MemoryStream(bytes), new LoadOptions { SourceName = "flipped.npz" });
        var error = Assert.Throws<CheckpointFormatException>(() => ((TensorNode)npz.Root.GetPath("decoder.weight")).Tensor);
        Assert.Contains("CRC-32", error.Message);
        Assert.Equal("decoder.weight", error.PathInFile);
        Assert.Equal("flipped.npz", error.FileName);
    }

    [Fact]
    public void Reading_after_the_archive_is_closed_is_a_clear_error()
    {
        StateDict root;
        using (var npz = NpzCheckpoint.Open(ArrayFixtures.Numpy.PathOf("savez_compressed.npz"))) root = npz.Root;
        var error = Assert.Throws<CheckpointException>(() => ((TensorNode)root["mask"]).Tensor);
        Assert.Contains("was closed", error.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
