using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Benchmarks.SideBySide;

/// <summary>
/// The operations of the targets, each next to the physical limit it is compared with (a raw write and
/// fsync, a raw read, one memcpy of the same bytes). Each runs in a process of its own (see <see cref="Runner"/>).
/// </summary>
internal static class Scenarios
{
    public const int WideLayers = 100_000;
    public const int BigTensors = 16;
    public const int BigElements = 16 << 20;     // 64 MiB of float32 each: 1 GiB in all
    public const int AsyncTensors = 4;           // 256 MiB in all
    public const int HostileKeys = 200_000;

    public static readonly string[] All =
    [
        "wide.states", "wide.save", "wide.load", "tree.save", "tree.load",
        "big.save", "raw.write+fsync", "big.load", "raw.read",
        "async.blocking", "memcpy", "hostile.keys", "hostile.deep", "hostile.empty-maps",
        "paired.big.save", "paired.big.load", "paired.async.blocking",
    ];

    /// <summary>The paired scenarios: each operation timed in turns with its limit in one process (see <see cref="Measure.Paired"/>).</summary>
    public static readonly (string Name, string Limit, string Target)[] PairedRows =
    [
        ("paired.big.save", "raw.write+fsync", "≤ 1.05×"),
        ("paired.big.load", "raw.read", "≤ 1.1×"),
        ("paired.async.blocking", "memcpy", "≤ 1.2×"),
    ];

    public static Measurement Run(string name, string directory)
    {
        var file = Path.Combine(directory, "bench.msgpack");
        switch (name)
        {
            case "wide.states":
            {
                var model = new WideNet(WideLayers, 1f);
                return Measure.Run(name, 9, () => model.States());
            }
            case "wide.save":
            {
                var model = new WideNet(WideLayers, 1f);
                return Measure.Run(name, 9, () => MsgPackCheckpoint.Save(file, model));
            }
            case "wide.load":
            {
                MsgPackCheckpoint.Save(file, new WideNet(WideLayers, 1f));
                var target = new WideNet(WideLayers, 0f);
                return Measure.Run(name, 9, () => MsgPackCheckpoint.Load(file, target));
            }
            case "tree.save":
            {
                var tree = WideTree.Create(WideLayers, 1f);
                return Measure.Run(name, 9, () => MsgPackCheckpoint.Save(file, tree));
            }
            case "tree.load":
            {
                MsgPackCheckpoint.Save(file, WideTree.Create(WideLayers, 1f));
                var template = WideTree.Create(WideLayers, 0f);
                return Measure.Run(name, 9, () => MsgPackCheckpoint.Load(file, template));
            }
            case "big.save":
            {
                var model = new BigNet(BigTensors, BigElements);
                return Measure.Run(name, 5, () => MsgPackCheckpoint.Save(file, model));
            }
            case "raw.write+fsync":
            {
                var model = new BigNet(BigTensors, BigElements);
                return Measure.Run(name, 5, () => RawWrite(file, model));
            }
            case "big.load":
            {
                MsgPackCheckpoint.Save(file, new BigNet(BigTensors, BigElements));
                var target = new BigNet(BigTensors, BigElements);
                return Measure.Run(name, 5, () => MsgPackCheckpoint.Load(file, target));
            }
            case "raw.read":
            {
                MsgPackCheckpoint.Save(file, new BigNet(BigTensors, BigElements));
                var buffers = ReadBuffers();
                return Measure.Run(name, 5, () => RawRead(file, buffers));
            }
            case "async.blocking":
            {
                var model = new BigNet(AsyncTensors, BigElements);
                var checkpointer = new AsyncCheckpointer();
                return Measure.Run(name, 7, () => checkpointer.Save(file, model), checkpointer.Wait);
            }
            case "memcpy":
            {
                var model = new BigNet(AsyncTensors, BigElements);
                var copies = CopiesOf(model);
                return Measure.Run(name, 7, () => Copy(model, copies));
            }
            case "paired.big.save":
            {
                var model = new BigNet(BigTensors, BigElements);
                return Measure.Paired(name, 9, () => MsgPackCheckpoint.Save(file, model), () => RawWrite(file, model));
            }
            case "paired.big.load":
            {
                MsgPackCheckpoint.Save(file, new BigNet(BigTensors, BigElements));
                var target = new BigNet(BigTensors, BigElements);
                var buffers = ReadBuffers();
                return Measure.Paired(name, 9, () => MsgPackCheckpoint.Load(file, target), () => RawRead(file, buffers));
            }
            case "paired.async.blocking":
            {
                var model = new BigNet(AsyncTensors, BigElements);
                var checkpointer = new AsyncCheckpointer();
                var copies = CopiesOf(model);
                // Waiting for the background write happens after each timed step (between), outside both timings.
                return Measure.Paired(name, 9, () => checkpointer.Save(file, model), () => Copy(model, copies), checkpointer.Wait);
            }
            case "hostile.keys":
            {
                File.WriteAllBytes(file, ManyKeys(HostileKeys));
                return LoadIntoSmallTemplate(name, file);
            }
            case "hostile.deep":
            {
                File.WriteAllBytes(file, Deep(CheckpointLimits.DefaultMaxDepth - 2));
                return LoadIntoSmallTemplate(name, file);
            }
            case "hostile.empty-maps":
            {
                File.WriteAllBytes(file, EmptyMaps(HostileKeys));
                return LoadIntoSmallTemplate(name, file);
            }
            default:
                throw new ArgumentException($"Unknown scenario '{name}'.");
        }
    }

    /// <summary>The file size the hostile scenarios write, for the allocation ratio.</summary>
    public static long FileSize(string name, string directory)
    {
        var file = Path.Combine(directory, "bench.msgpack");
        return File.Exists(file) ? new FileInfo(file).Length : 0;
    }

    private static void RawWrite(string file, BigNet model)
    {
        using var stream = new FileStream(file + ".raw", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var layer in model.Weights) stream.Write(layer.W.AsBytes());
        stream.Flush(flushToDisk: true);
    }

    // Preallocated memory for the raw read of the big file, one buffer per tensor.
    private static byte[][] ReadBuffers() => Enumerable.Range(0, BigTensors).Select(_ => new byte[BigElements * 4L]).ToArray();

    // Preallocated memory for the memcpy of a model's tensors.
    private static float[][] CopiesOf(BigNet model) => model.Weights.Select(w => new float[w.W.Length]).ToArray();

    private static void Copy(BigNet model, float[][] copies)
    {
        for (var i = 0; i < copies.Length; i++) model.Weights[i].W.AsSpan().CopyTo(copies[i]);
    }

    private static void RawRead(string file, byte[][] buffers)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var buffer in buffers) stream.ReadExactly(buffer);
    }

    private static Measurement LoadIntoSmallTemplate(string name, string file) =>
        Measure.Run(name, 5, () =>
        {
            var template = new Dictionary<string, object?> { ["a"] = 0 };
            MsgPackCheckpoint.Restore(file, template, LoadOptions.Default with { Mismatch = Mismatch.Ignore }, out _);
        });

    // A valid file of `count` keys (about 10 bytes each) holding small integers: 2 MB for 200,000 keys.
    private static byte[] ManyKeys(int count)
    {
        var map = new StateDict(count);
        for (var i = 0; i < count; i++) map.Add("key_" + i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture), i % 100);
        return MsgPackWriter.ToBytes(map);
    }

    // Maps nested just under the depth limit, each with one key.
    private static byte[] Deep(int depth)
    {
        StateNode node = 1;
        for (var i = 0; i < depth; i++) node = new StateDict { ["k"] = node };
        return MsgPackWriter.ToBytes(node);
    }

    // The densest map entries msgpack allows: a 1-character key and an empty map, 3 bytes each.
    private static byte[] EmptyMaps(int count)
    {
        var map = new StateDict(count);
        for (var i = 0; i < count; i++) map.Add(((char)('a' + i % 26)).ToString() + i.ToString(System.Globalization.CultureInfo.InvariantCulture), new StateDict());
        return MsgPackWriter.ToBytes(map);
    }
}
