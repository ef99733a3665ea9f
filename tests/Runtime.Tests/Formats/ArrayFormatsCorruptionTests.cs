using Checkpoint.Formats;
using Checkpoint.Formats.Npy;
using Checkpoint.Formats.SafeTensors;
using Checkpoint.Runtime.Tests.Formats.Npy;
using Checkpoint.Runtime.Tests.Formats.SafeTensors;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// Every truncation and hundreds of seeded random corruptions of .npy, .npz and safetensors files, read from a
/// seekable stream (lazily, then every array) and from one that cannot seek: the readers either succeed or throw
/// <see cref="CheckpointFormatException"/>, never anything else, never hang, and never allocate much more than
/// the file (lengths are checked before allocating).
/// </summary>
public class ArrayFormatsCorruptionTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "numpy", "float32.npy" },
        { "numpy", "complex128_big_endian.npy" },
        { "numpy", "fortran_big_endian.npy" },
        { "numpy", "version3.npy" },
        { "numpy", "savez.npz" },
        { "numpy", "savez_compressed.npz" },
        { "safetensors", "model.safetensors" },
        { "safetensors", "every_dtype.safetensors" },
    };

    private static byte[] Bytes(string folder, string file) =>
        folder == "numpy" ? ArrayFixtures.Numpy.Bytes(file) : ArrayFixtures.SafeTensors.Bytes(file);

    private static void ReadAll(byte[] data, string file, bool seekable)
    {
        Stream stream = seekable ? new MemoryStream(data) : new NonSeekableStream(new MemoryStream(data));
        var options = new LoadOptions { SourceName = file };
        if (file.EndsWith(".npy", StringComparison.Ordinal))
        {
            using var npy = NpyFile.Open(stream, options);
            _ = npy.Array.Tensor;
        }
        else if (file.EndsWith(".npz", StringComparison.Ordinal))
        {
            NpzReader.Read(stream, options);
        }
        else
        {
            SafeTensorsReader.Read(stream, options);
        }
    }

    private static void ReadsOrFailsCleanly(byte[] data, string file, string what)
    {
        foreach (var seekable in new[] { true, false })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ReadAll(data, file, seekable);
            }
            catch (CheckpointFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{what} (seekable: {seekable}): {e.GetType().Name}: {e.Message}");
            }

            // The file itself, one 1 MiB piece of a stream copy, the arrays and the deflate ratio cap on a few KiB.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 32L << 20, $"{what} (seekable: {seekable}) allocated {allocated} bytes");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_truncation_fails_with_a_format_error(string folder, string file)
    {
        var bytes = Bytes(folder, file);
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            foreach (var seekable in new[] { true, false })
            {
                var error = Assert.Throws<CheckpointFormatException>(() => ReadAll(cut, file, seekable));
                Assert.Equal(file, error.FileName);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Random_byte_changes_read_or_fail_cleanly(string folder, string file)
    {
        var bytes = Bytes(folder, file);
        var random = new Random(file.Sum(c => c) * 31 + 2000);
        for (var trial = 0; trial < 300; trial++)
        {
            var corrupt = (byte[])bytes.Clone();
            var changes = 1 + trial % 3;
            for (var c = 0; c < changes; c++)
            {
                var position = random.Next(corrupt.Length);
                corrupt[position] = trial % 2 == 0 ? (byte)(corrupt[position] ^ (1 << random.Next(8))) : (byte)random.Next(256);
            }

            ReadsOrFailsCleanly(corrupt, file, $"{file} trial {trial}");
        }
    }

    [Theory]
    [InlineData("garbage.npy")]
    [InlineData("garbage.npz")]
    [InlineData("garbage.safetensors")]
    public void Random_garbage_reads_or_fails_cleanly(string file)
    {
        var random = new Random(file.Length);
        for (var trial = 0; trial < 500; trial++)
        {
            var garbage = new byte[random.Next(1, 200)];
            random.NextBytes(garbage);
            ReadsOrFailsCleanly(garbage, file, $"{file} {trial}");
        }
    }

    [Fact]
    public void A_member_that_declares_more_than_deflate_can_expand_is_refused_before_allocating()
    {
        var bytes = ArrayFixtures.Numpy.Bytes("savez_compressed.npz");
        // Raise the uncompressed size of the first member in the central directory to 4 GiB - 2.
        var central = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        var first = bytes.AsSpan().IndexOf("PK\u0001\u0002"u8);
        Assert.True(first >= 0 && central >= first);
        BitConverter.TryWriteBytes(bytes.AsSpan(first + 24), uint.MaxValue - 1);
        var error = Assert.Throws<CheckpointFormatException>(() => NpzReader.Read(new MemoryStream(bytes), new LoadOptions { SourceName = "bomb.npz" }));
        Assert.Contains("cannot expand", error.Message);
    }
}
