using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// What a load allocates is bounded by the file: at most 16 times its size plus 16 MiB, for valid files of
/// unusual shape and for hostile ones (the issue measured 402 MiB for a valid 2 MB file of 200,000 keys).
/// Allocation is exact (counted by the GC for this thread), so these tests measure rather than time.
/// </summary>
public class HostileAllocationTests
{
    private const long Slack = 16L << 20;

    public static TheoryData<string> Shapes => ["many keys", "empty maps", "deep", "many tiny arrays", "huge declared lengths", "long list of tiny numbers", "map repeating an empty key"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_load_allocates_at_most_sixteen_times_the_file(string shape)
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("hostile.msgpack");
        File.WriteAllBytes(path, Build(shape));
        var limit = 16 * new FileInfo(path).Length + Slack;

        foreach (var (what, load) in Loads(path))
        {
            load(); // warm up: code and caches are not the file's doing
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            load();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= limit, $"{shape}, {what}: allocated {allocated:N0} bytes, more than {limit:N0}");
        }
    }

    private static IEnumerable<(string, Action)> Loads(string path)
    {
        var lenient = LoadOptions.Default with { Mismatch = Mismatch.Ignore };
        yield return ("into a template", () => Ignore(() => MsgPackCheckpoint.Restore(path, new Dictionary<string, object?> { ["a"] = 0 }, lenient, out _)));
        yield return ("into a model", () => Ignore(() => MsgPackCheckpoint.Load(path, new Files.Neuron(), lenient)));
        yield return ("opened", () => Ignore(() => MsgPackCheckpoint.Open(path).Dispose()));
    }

    private static void Ignore(Action load)
    {
        try
        {
            load();
        }
        catch (CheckpointException)
        {
            // A hostile file may well be refused; what counts is what reading it cost.
        }
    }

    [Fact]
    public void A_list_of_a_hundred_thousand_small_numbers_still_loads()
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("list.msgpack");
        File.WriteAllBytes(path, ListOfTinyNumbers(100_000));

        using var file = MsgPackCheckpoint.Open(path);
        var list = Assert.IsType<StateDict>(file.RootMap["a"]);
        Assert.Equal(100_000, list.Count);
        Assert.Equal((Int128)1, Assert.IsType<IntegerNode>(list["99999"]).Value);
    }

    [Fact]
    public void A_list_too_dense_to_read_is_refused_with_where_and_why()
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("dense.msgpack");
        File.WriteAllBytes(path, ListOfTinyNumbers(4_000_000));

        var error = Assert.Throws<CheckpointFormatException>(() => MsgPackCheckpoint.Open(path).Dispose());
        Assert.Contains("dense.msgpack", error.Message);
        Assert.Contains("too dense", error.Message);
        Assert.Equal("a", error.PathInFile);
    }

    // {"a": [1, 1, ...]}: an array32 of `count` positive fixints.
    private static byte[] ListOfTinyNumbers(int count)
    {
        var bytes = new byte[3 + 5 + count];
        bytes[0] = 0x81;
        bytes[1] = 0xa1;
        bytes[2] = (byte)'a';
        bytes[3] = 0xdd;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        bytes.AsSpan(8).Fill(0x01);
        return bytes;
    }

    private static byte[] Build(string shape)
    {
        switch (shape)
        {
            case "many keys":
            {
                var map = new StateDict();
                for (var i = 0; i < 200_000; i++) map.Add("key_" + i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture), i % 100);
                return MsgPackWriter.ToBytes(map);
            }
            case "empty maps":
            {
                var map = new StateDict();
                for (var i = 0; i < 200_000; i++) map.Add(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), new StateDict());
                return MsgPackWriter.ToBytes(map);
            }
            case "deep":
            {
                StateNode node = 1;
                for (var i = 0; i < CheckpointLimits.DefaultMaxDepth - 2; i++) node = new StateDict { ["k"] = node };
                return MsgPackWriter.ToBytes(node);
            }
            case "many tiny arrays":
            {
                var map = new StateDict();
                for (var i = 0; i < 100_000; i++) map.Add(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), new TensorNode(NdArray<bool>.Zeros(1)));
                return MsgPackWriter.ToBytes(map);
            }
            case "map repeating an empty key":
            {
                // Nine distinct keys (a map's first keys are checked for repeats as they arrive), then two bytes per
                // entry ("" -> nil), 2 million of them: invalid, but found only when the map is complete, so what its
                // entries cost until then must stay bounded.
                const int count = 2_000_000, distinct = 9;
                var bytes = new List<byte>(5 + 3 * distinct + 2 * count) { 0xdf, 0, 0, 0, 0 };
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[1..], count);
                for (var i = 0; i < distinct; i++) bytes.AddRange([0xa1, (byte)('a' + i), 0xc0]);
                for (var i = distinct; i < count; i++) bytes.AddRange([0xa0, 0xc0]);
                return [.. bytes];
            }
            case "long list of tiny numbers":
                // A msgpack array carries no keys: 4 million one-byte elements in a 4 MB file.
                return ListOfTinyNumbers(4_000_000);
            default:
            {
                // Maps nested 500 deep, each declaring 65,535 entries it does not have: nothing may be allocated
                // for entries that never arrive.
                var bytes = new List<byte>();
                for (var i = 0; i < 500; i++) bytes.AddRange([0xde, 0xff, 0xff, 0xa1, (byte)'k']);
                bytes.Add(0xc0);
                bytes.AddRange(new byte[300_000]);
                return [.. bytes];
            }
        }
    }
}
