using System.Security.Cryptography;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

public class FixtureTests
{
    public static TheoryData<string> Files => Fixtures.Names();

    [Fact]
    public void Every_fixture_file_is_described_and_every_description_has_a_file()
    {
        var onDisk = Directory.GetFiles(Fixtures.Directory, "*.msgpack").Select(Path.GetFileName).Order().ToArray();
        var described = Fixtures.Entries().Select(e => e.GetProperty("file").GetString()).Order().ToArray();
        Assert.Equal(onDisk, described);
        Assert.NotEmpty(onDisk);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_loads_with_the_described_content(string file)
    {
        var entry = Fixtures.Entry(file);
        var bytes = Fixtures.Bytes(file);
        Assert.Equal(entry.GetProperty("size").GetInt64(), bytes.LongLength);
        Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var root = MsgPackReader.FromBytes(bytes, new LoadOptions { SourceName = file });

        ExpectedTree.AssertMatches(entry.GetProperty("msgpack_load_no_target"), root);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_loaded_from_a_file_stream_matches_too(string file)
    {
        var entry = Fixtures.Entry(file);
        using var stream = File.OpenRead(Path.Combine(Fixtures.Directory, file));

        var root = MsgPackReader.Read(stream, new LoadOptions { SourceName = file });

        ExpectedTree.AssertMatches(entry.GetProperty("msgpack_load_no_target"), root);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_rewritten_from_csharp_is_byte_identical(string file)
    {
        var entry = Fixtures.Entry(file);
        var original = Fixtures.Bytes(file);
        var root = MsgPackReader.FromBytes(original);

        var written = MsgPackWriter.ToBytes(root, new SaveOptions { ChunkByteLimit = Fixtures.ChunkLimit(entry) });

        Assert.Equal(Convert.ToHexStringLower(original), Convert.ToHexStringLower(written));
        Assert.Equal(entry.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(written)));
        if (entry.TryGetProperty("hex", out var hex)) Assert.Equal(hex.GetString(), Convert.ToHexStringLower(written));
    }

    [Fact]
    public void Chunked_fixture_without_its_patched_limit_is_written_unchunked()
    {
        // With the default 2^30 limit nothing in the file is large enough to chunk: the bytes must differ.
        var original = Fixtures.Bytes("15_chunked.msgpack");
        var root = MsgPackReader.FromBytes(original);

        var written = MsgPackWriter.ToBytes(root);

        Assert.NotEqual(original, written);
        ExpectedTree.AssertMatches(Fixtures.Entry("15_chunked.msgpack").GetProperty("msgpack_load_no_target"), MsgPackReader.FromBytes(written));
    }

    [Fact]
    public void Chunked_fixture_opens_as_one_lazy_array_of_all_the_chunks()
    {
        var entry = Fixtures.Entry("15_chunked.msgpack");
        var raw = entry.GetProperty("raw_wire_before_unchunk").GetProperty("items").GetProperty("big").GetProperty("items").GetProperty("chunks");
        using var file = MsgPackCheckpoint.Open(Path.Combine(Fixtures.Directory, "15_chunked.msgpack"));

        var big = Assert.IsType<TensorNode>(file.RootMap["big"]);
        Assert.False(big.IsLoaded);
        var chunkKeys = raw.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToArray();
        var chunkBytes = chunkKeys.Sum(k => raw.GetProperty("items").GetProperty(k).GetProperty("nbytes").GetInt64());
        Assert.Equal(chunkBytes, big.ByteLength);

        ExpectedTree.AssertArray(entry.GetProperty("msgpack_load_no_target").GetProperty("items").GetProperty("big"), big.Tensor, "big");
    }
}
