using System.IO.Hashing;
using System.Text;
using Checkpoint.Management;

namespace Checkpoint.Fuzz;

/// <summary>The manager's manifest parser (internal; visible to this assembly).</summary>
internal static class ManifestTargets
{
    /// <summary>Parses a manifest; a bad one may only raise <see cref="CheckpointException"/> (the manager then treats its step as damaged).</summary>
    public static void Parse(byte[] input) => ManifestSerializer.Parse(input, "manifest.json");

    /// <summary>
    /// The manifest's inner object, wrapped with its correct checksum before parsing: most mutations of a whole
    /// manifest stop at the checksum, this reaches the field parsing behind it (what a crafted manifest reaches).
    /// </summary>
    public static void ParseBody(byte[] body)
    {
        var text = Encoding.UTF8.GetBytes("{\"checksum\": \"" + ManifestSerializer.Hex(XxHash128.Hash(body)) + "\", \"manifest\": ");
        Parse([.. text, .. body, .. "}"u8]);
    }

    /// <summary>The inner objects of <see cref="Seeds"/>.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> BodySeeds(string repository)
    {
        foreach (var (name, bytes) in Seeds(repository))
        {
            var text = Encoding.UTF8.GetString(bytes);
            var start = text.IndexOf("\"manifest\":", StringComparison.Ordinal) + "\"manifest\":".Length;
            yield return (name, Encoding.UTF8.GetBytes(text[start..text.LastIndexOf('}')].Trim()));
        }
    }

    /// <summary>Manifests as the manager writes them: empty, with metrics (incl. non-finite), nested metadata and two files.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository)
    {
        var file = new ManifestFileEntry(118, new string('a', 32));
        var empty = new StepManifest(0, DateTimeOffset.UnixEpoch, new Dictionary<string, double>(), new Dictionary<string, object?>(),
            StepManifest.CurrentFormatVersion, "0.1.0", new Dictionary<string, ManifestFileEntry> { ["model.msgpack"] = file });
        yield return ("empty.json", ManifestSerializer.ToBytes(empty));
        var full = empty with
        {
            Step = 42,
            SavedAtUtc = new DateTimeOffset(2026, 11, 23, 11, 2, 26, TimeSpan.Zero),
            Metrics = new Dictionary<string, double> { ["val_loss"] = 0.0926, ["nan"] = double.NaN, ["inf"] = double.NegativeInfinity },
            Metadata = new Dictionary<string, object?>
            {
                ["lr"] = 0.05, ["name"] = "run \u00e9\u4e2d", ["epochs"] = 12L, ["big"] = ulong.MaxValue, ["on"] = true, ["none"] = null,
                ["when"] = DateTimeOffset.UnixEpoch, ["list"] = new List<object?> { 1L, "two", new Dictionary<string, object?> { ["three"] = 3.0 } },
            },
            Files = new Dictionary<string, ManifestFileEntry> { ["model.msgpack"] = file, ["optimizer.msgpack"] = new(4096, new string('0', 32)) },
        };
        yield return ("full.json", ManifestSerializer.ToBytes(full));
    }
}
