using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// Every truncation and thousands of seeded random corruptions of every fixture: the reader must either
/// succeed or throw <see cref="CheckpointFormatException"/>, never anything else (and never hang).
/// </summary>
public class CorruptionSweepTests
{
    public static TheoryData<string> Files => Fixtures.Names();

    private static void ReadsOrFailsCleanly(byte[] data, string what)
    {
        try
        {
            MsgPackReader.FromBytes(data, new LoadOptions { SourceName = what });
        }
        catch (CheckpointFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}\n{Hex.Of(data)}");
        }

        try
        {
            using var stream = new NonSeekableStream(new MemoryStream(data));
            MsgPackReader.Read(stream, new LoadOptions { SourceName = what });
        }
        catch (CheckpointFormatException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what} (stream that cannot seek): {e.GetType().Name}: {e.Message}\n{Hex.Of(data)}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_truncation_fails_with_a_format_error(string file)
    {
        var bytes = Fixtures.Bytes(file);
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];
            var error = Assert.Throws<CheckpointFormatException>(() => MsgPackReader.FromBytes(cut));
            Assert.InRange(error.Offset, 0, length);
            Assert.Throws<CheckpointFormatException>(() => MsgPackReader.Read(new NonSeekableStream(new MemoryStream(cut))));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Random_byte_changes_read_or_fail_cleanly(string file)
    {
        var bytes = Fixtures.Bytes(file);
        // string.GetHashCode differs between runs; a sum of the characters does not.
        var random = new Random(file.Sum(c => c) * 31 + 1000);
        for (var trial = 0; trial < 300; trial++)
        {
            var corrupt = (byte[])bytes.Clone();
            var changes = 1 + trial % 3;
            for (var c = 0; c < changes; c++)
            {
                var position = random.Next(corrupt.Length);
                corrupt[position] = trial % 2 == 0
                    ? (byte)(corrupt[position] ^ (1 << random.Next(8)))  // a bit flip
                    : (byte)random.Next(256);                            // a random byte
            }

            ReadsOrFailsCleanly(corrupt, $"{file} trial {trial}");
        }
    }

    [Fact]
    public void Random_garbage_reads_or_fails_cleanly()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var garbage = new byte[random.Next(1, 64)];
            random.NextBytes(garbage);
            ReadsOrFailsCleanly(garbage, $"garbage {trial}");
        }
    }
}
