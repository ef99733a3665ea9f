using System.Text;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Specific defects: each must be a <see cref="CheckpointFormatException"/> that says what and where.</summary>
public class CorruptInputTests
{
    private static CheckpointFormatException Fails(string hex, string? fileName = "model.msgpack", int maxDepth = 512) =>
        Assert.Throws<CheckpointFormatException>(() =>
            MsgPackReader.FromBytes(Hex.Bytes(hex), new LoadOptions { SourceName = fileName, MaxDepth = maxDepth }));

    private static string Str(string s) => ChunkingTests.Str(s);

    [Fact]
    public void Map_claiming_four_billion_entries_in_a_tiny_file_fails_fast()
    {
        var error = Fails("dfffffffff" + new string('0', 30));

        Assert.Equal(0, error.Offset);
        Assert.Equal("", error.PathInFile);
    }

    [Fact]
    public void Shape_array_with_a_negative_32_bit_count_says_the_length_is_too_large()
    {
        // ext 1 payload whose shape is an array32 claiming 2^31 entries: the count reads as a negative int.
        var error = Fails("c70601" + "93" + "dd80000000");

        Assert.Contains("array length too large", error.Detail);
        Assert.Equal(4, error.Offset); // c7 06 01 | 93 | dd: the array32 header
    }

    [Fact]
    public void Array_claiming_more_entries_than_bytes_fails_fast() =>
        Assert.Contains("cannot fit", Fails("dd7fffffff" + "00").Detail);

    [Fact]
    public void Truncated_array_data_names_file_path_offset_and_sizes()
    {
        // 81 | a1 77 | c7 1e 01 | 30-byte payload (14 header bytes + 16 data bytes): cut 12 data bytes off.
        var bytes = Fixtures.Bytes("01_f32_matrix.msgpack");
        var cut = Hex.Of(bytes[..^12]);

        var error = Fails(cut);

        // The ext header already promises more than the file holds: caught there, before reading on.
        Assert.Equal("model.msgpack", error.FileName);
        Assert.Equal("w", error.PathInFile);
        Assert.Equal(6, error.Offset);
        Assert.Contains($"declared 30 data bytes but only {bytes.Length - 12 - 6} remain", error.Detail);
        Assert.StartsWith("Corrupt checkpoint 'model.msgpack' at w (byte 6): ", error.Message);
    }

    [Fact]
    public void Nested_path_is_dotted()
    {
        // {"params": {"layers": {"0": {"w": <ext 1 with unknown dtype>}}}}
        var ext = ChunkingTests.ExtArray("float8", [1], [0]);
        var error = Fails("81" + Str("params") + "81" + Str("layers") + "81" + Str("0") + "81" + Str("w") + ext);

        Assert.Equal("params.layers.0.w", error.PathInFile);
        Assert.Contains("unknown dtype 'float8'", error.Message);
    }

    [Fact]
    public void Non_string_key_is_rejected() => Assert.Contains("keys must be strings", Fails("8101c0").Detail);

    [Fact]
    public void Duplicate_key_in_a_large_map_is_rejected()
    {
        var keys = Enumerable.Range(0, 20).Select(i => "k" + i).ToList();
        keys[15] = "k3";
        var hex = "de0014" + string.Concat(keys.Select(k => Str(k) + "00"));

        Assert.Contains("duplicate map key 'k3'", Fails(hex).Detail);
        Assert.Contains("duplicate map key 'k3'", Assert.Throws<CheckpointFormatException>(
            () => MsgPackReader.Read(new NonSeekableStream(new MemoryStream(Hex.Bytes(hex))))).Detail);
    }

    [Fact]
    public void Duplicate_key_is_rejected()
    {
        var error = Fails("82" + Str("a") + "00" + Str("a") + "01");

        Assert.Contains("duplicate map key 'a'", error.Detail);
        Assert.Equal(4, error.Offset); // 82 | a1 61 | 00 | a1 61 <- the second key
    }

    [Fact]
    public void Trailing_bytes_after_the_root_are_rejected() => Assert.Contains("trailing", Fails("8000").Detail);

    [Fact]
    public void Empty_input_is_rejected() => Assert.Contains("end of data", Fails("").Detail);

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var deep = string.Concat(Enumerable.Repeat("81" + Str("a"), 600)) + "c0";

        Assert.Contains("nesting deeper than 512", Fails(deep).Detail);
        Assert.Contains("nesting deeper than 3", Fails(string.Concat(Enumerable.Repeat("81" + Str("a"), 4)) + "c0", maxDepth: 3).Detail);
        Assert.IsType<StateDict>(MsgPackReader.FromBytes(Hex.Bytes(string.Concat(Enumerable.Repeat("81" + Str("a"), 3)) + "c0"), new LoadOptions { MaxDepth = 3 }));
    }

    [Fact]
    public void Data_length_that_does_not_match_the_shape_is_rejected()
    {
        var error = Fails("81" + Str("w") + ChunkingTests.ExtArray("float32", [2, 2], new byte[12]));

        Assert.Contains("needs 16 data bytes but the payload holds 12", error.Detail);
    }

    [Fact]
    public void Unsupported_ext_type_is_rejected() => Assert.Contains("ext 5", Fails("d50500ff").Detail);

    [Fact]
    public void Ext_payload_with_extra_bytes_is_rejected()
    {
        var ext = ChunkingTests.ExtArray("uint8", [1], [7]);
        // Grow the declared payload by one byte and append a byte inside it.
        var length = Convert.ToInt32(ext.Substring(2, 2), 16);
        var grown = "c7" + (length + 1).ToString("x2") + ext[4..] + "00";

        Assert.Contains("unread byte", Fails(grown).Detail);
    }

    [Fact]
    public void Ext_payload_shorter_than_its_content_is_rejected()
    {
        var ext = ChunkingTests.ExtArray("uint8", [1], [7]);
        var length = Convert.ToInt32(ext.Substring(2, 2), 16);
        var shrunk = "c7" + (length - 1).ToString("x2") + ext[4..];

        Assert.Contains("ext payload", Fails(shrunk).Detail);
    }

    [Fact]
    public void Reserved_code_is_rejected() => Assert.Contains("0xc1", Fails("c1").Detail);

    [Fact]
    public void Invalid_utf8_key_is_rejected() => Assert.Contains("UTF-8", Fails("81a2c328c0").Detail);

    [Fact]
    public void Negative_dimension_is_rejected()
    {
        // payload: 93 91 ff a5 "uint8" c4 00
        var payload = "9391ff" + Str("uint8") + "c400";
        Assert.Contains("dimension 0", Fails("c7" + (payload.Length / 2).ToString("x2") + "01" + payload).Detail);
    }

    [Fact]
    public void Shape_with_too_many_elements_for_the_file_is_rejected_before_allocating()
    {
        // float64 shape (2^31-1, 2^31-1) with an honest-looking bin32 length: allocation would be absurd.
        var payload = "9392ce7fffffffce7fffffff" + Str("float64") + "c6ffffffff";
        Fails("c9" + (payload.Length / 2 + 0x7fffffff).ToString("x8") + "01" + payload);
    }

    [Fact]
    public void Bin_claiming_more_than_remains_is_rejected() =>
        Assert.Contains("declared 4294967295 data bytes but only 2 remain", Fails("81" + Str("b") + "c6ffffffff" + "0102").Detail);

    [Fact]
    public void Chunked_array_with_wrong_element_total_is_rejected()
    {
        // A later entry keeps enough bytes in the file for the claimed 5 elements, so the count check decides.
        var hex = "82" + Str("t") + "83" + Str("__msgpack_chunked_array__") + "c3"
            + Str("shape") + "81" + Str("0") + "05"
            + Str("chunks") + "81" + Str("0") + ChunkingTests.ExtArray("int8", [2], [1, 2])
            + Str("pad") + "c40a" + new string('0', 20);

        Assert.Contains("chunks hold 2 elements but shape (5,) needs 5", Fails(hex).Detail);
    }

    [Fact]
    public void Chunked_array_with_mixed_dtypes_is_rejected()
    {
        var hex = "83" + Str("__msgpack_chunked_array__") + "c3"
            + Str("shape") + "81" + Str("0") + "02"
            + Str("chunks") + "82" + Str("0") + ChunkingTests.ExtArray("int8", [1], [1]) + Str("1") + ChunkingTests.ExtArray("uint8", [1], [2]);

        Assert.Contains("uint8", Fails(hex).Detail);
    }

    [Fact]
    public void Chunked_array_claiming_more_than_the_file_holds_is_rejected_before_allocating()
    {
        var hex = "83" + Str("__msgpack_chunked_array__") + "c3"
            + Str("shape") + "82" + Str("0") + "ce7fffffff" + Str("1") + "ce7fffffff"
            + Str("chunks") + "81" + Str("0") + ChunkingTests.ExtArray("int8", [1], [1]);

        Fails(hex);
    }

    [Fact]
    public void Non_seekable_truncated_input_fails_the_same_way()
    {
        var bytes = Fixtures.Bytes("10_nested_dicts.msgpack");

        var error = Assert.Throws<CheckpointFormatException>(() =>
            MsgPackReader.Read(new NonSeekableStream(new MemoryStream(bytes[..^5])), new LoadOptions { SourceName = "x" }));

        Assert.Equal("x", error.FileName);
    }

    [Fact]
    public void Non_seekable_input_with_trailing_bytes_is_rejected() =>
        Assert.Throws<CheckpointFormatException>(() => MsgPackReader.Read(new NonSeekableStream(new MemoryStream(Hex.Bytes("80c0")))));

    [Fact]
    public void Message_without_a_file_name_leaves_it_out()
    {
        var error = Fails("8000", fileName: null);

        Assert.StartsWith("Corrupt checkpoint at <root> (byte 1): ", error.Message);
        Assert.Null(error.FileName);
        Assert.IsAssignableFrom<CheckpointException>(error);
    }

    [Fact]
    public void Valid_utf8_text_in_errors_is_kept() =>
        Assert.Contains("\u00e9", Fails("81" + "a2" + Hex.Of(Encoding.UTF8.GetBytes("\u00e9")) + ChunkingTests.ExtArray("bogus", [0], [])).PathInFile);
}
