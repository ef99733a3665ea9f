using System.Buffers.Binary;
using System.Text;
using Checkpoint.Formats;
using Checkpoint.Formats.SafeTensors;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>Every rule of the safetensors format broken once: one clean <see cref="CheckpointFormatException"/> naming the file and the tensor.</summary>
public class SafeTensorsRuleTests
{
    /// <summary>8-byte length, the header text padded with spaces, then the data.</summary>
    private static byte[] File(string header, int dataLength, bool pad = true)
    {
        var text = Encoding.UTF8.GetBytes(header);
        var padded = pad ? (text.Length + 7) / 8 * 8 : text.Length;
        var bytes = new byte[8 + padded + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        text.CopyTo(bytes, 8);
        bytes.AsSpan(8 + text.Length, padded - text.Length).Fill((byte)' ');
        return bytes;
    }

    private static CheckpointFormatException Refused(byte[] bytes)
    {
        var options = new LoadOptions { SourceName = "rule.safetensors" };
        var error = Assert.Throws<CheckpointFormatException>(() => SafeTensorsReader.Read(new MemoryStream(bytes), options));
        Assert.Equal("rule.safetensors", error.FileName);
        // The same refusal from a stream that cannot seek.
        var again = Assert.Throws<CheckpointFormatException>(() => SafeTensorsReader.Read(new NonSeekableStream(new MemoryStream(bytes)), options));
        Assert.Equal(error.Message, again.Message);
        return error;
    }

    private const string Good = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I8","shape":[3],"data_offsets":[8,11]}}""";

    [Fact]
    public void The_well_formed_file_these_tests_break_reads()
    {
        var tree = SafeTensorsReader.Read(new MemoryStream(File(Good, 11)));
        Assert.Equal(["a", "b"], tree.Keys);
    }

    public static TheoryData<string, int, string, string> BrokenHeaders => new()
    {
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", 8, "", "not valid JSON" },
        { """[1, 2]""", 0, "", "not a JSON object" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16, "a", "appears twice" },
        { """{"__metadata__":{"k":1}}""", 0, "__metadata__", "not a string" },
        { """{"__metadata__":["k"]}""", 0, "__metadata__", "not a map of strings" },
        { """{"a":[1]}""", 0, "a", "not an object" },
        { """{"a":{"dtype":"F32","shape":[2]}}""", 8, "a", "data_offsets is missing" },
        { """{"a":{"shape":[2],"data_offsets":[0,8]}}""", 8, "a", "dtype is missing" },
        { """{"a":{"dtype":"F32","data_offsets":[0,8]}}""", 8, "a", "shape is missing" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}""", 8, "a", "unexpected or repeated field 'extra'" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"dtype":"F32"}}""", 8, "a", "unexpected or repeated field 'dtype'" },
        { """{"a":{"dtype":"Q7","shape":[2],"data_offsets":[0,8]}}""", 8, "a", "unknown dtype 'Q7'" },
        { """{"a":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", 2, "a", "F8_E4M3 has no element type" },
        { """{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", 8, "a", "not a non-negative integer" },
        { """{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}""", 8, "a", "not a non-negative integer" },
        { """{"a":{"dtype":"F32","shape":[4294967296],"data_offsets":[0,8]}}""", 8, "a", "limit" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}}""", 8, "a", "not a pair" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[-1,7]}}""", 8, "a", "non-negative" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, "a", "starts at data byte 8" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "a", "contiguous" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I8","shape":[0],"data_offsets":[8,4]}}""", 8, "b", "ends (data byte 4) before it begins" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I8","shape":[3],"data_offsets":[9,12]}}""", 12, "b", "contiguous" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"I8","shape":[3],"data_offsets":[5,8]}}""", 8, "b", "must not overlap" },
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "a", "needs 12 bytes" },
        { """{"a":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8, "a", "more bytes than any file" },
        { Good, 12, "b", "cover 11 data bytes but the file has 12" },
        { Good, 10, "b", "cover 11 data bytes but the file has 10" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a.b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16, "a.b", "cannot be nested" },
    };

    [Theory]
    [MemberData(nameof(BrokenHeaders))]
    public void A_header_that_breaks_a_rule_is_refused_naming_the_tensor(string header, int dataLength, string tensor, string expected)
    {
        var error = Refused(File(header, dataLength));
        Assert.Equal(tensor, error.PathInFile);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_length_prefix_is_refused() =>
        Assert.Contains("fewer than the 8", Refused([1, 0, 0]).Message);

    [Fact]
    public void A_header_length_over_100_MB_is_refused_before_anything_is_allocated()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 100_000_001);
        Assert.Contains("limit of 100000000", Refused(bytes).Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("limit of 100000000", Refused(bytes).Message);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_refused()
    {
        var bytes = File(Good, 11);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        Assert.Contains("runs past the end", Refused(bytes).Message);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_refused()
    {
        var bytes = File("""{"a\u00e9":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        bytes[8 + 3] = 0xFF;
        Assert.Contains("not valid UTF-8", Refused(bytes).Message);
    }

    [Fact]
    public void Padding_other_than_whitespace_is_refused()
    {
        var bytes = File(Good + "x", 11);
        Assert.Contains("not valid JSON", Refused(bytes).Message);
    }
}
