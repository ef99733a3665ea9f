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

    public static TheoryData<string> Shapes => ["many keys", "empty maps", "deep", "many tiny arrays", "huge declared lengths"];

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
