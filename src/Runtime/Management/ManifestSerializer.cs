using System.Collections;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Checkpoint.Management;

/// <summary>
/// Writes and reads <c>manifest.json</c>: <c>{"checksum": "&lt;xxhash128 of the manifest text&gt;", "manifest": {...}}</c>.
/// The checksum covers the exact bytes of the inner object, so a flipped bit anywhere in it (a metric, a file
/// size) is detected, not only the ones that break the JSON. Written by hand with <see cref="Utf8JsonWriter"/>:
/// no reflection.
/// </summary>
internal static class ManifestSerializer
{
    public const string FormatName = "checkpoint-manager";

    public static byte[] ToBytes(StepManifest manifest)
    {
        var body = WriteBody(manifest);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("checksum", Hex(XxHash128.Hash(body)));
            writer.WritePropertyName("manifest");
            writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Parses a manifest; throws <see cref="CheckpointException"/> naming <paramref name="fileName"/> and what is wrong.</summary>
    public static StepManifest Parse(ReadOnlySpan<byte> bytes, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            var checksum = root.GetProperty("checksum").GetString();
            var body = root.GetProperty("manifest");
            var actual = Hex(XxHash128.Hash(Encoding.UTF8.GetBytes(body.GetRawText())));
            if (!string.Equals(checksum, actual, StringComparison.Ordinal))
                throw Bad(fileName, $"its checksum is {checksum}, its content hashes to {actual} (the manifest is damaged)");
            if (body.GetProperty("format").GetString() != FormatName)
                throw Bad(fileName, $"format is not \"{FormatName}\"");
            var version = body.GetProperty("format_version").GetInt32();
            if (version > StepManifest.ShardedFormatVersion)
                throw Bad(fileName, $"format_version {version} is newer than this library understands ({StepManifest.ShardedFormatVersion})");

            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var metric in body.GetProperty("metrics").EnumerateObject())
                metrics[metric.Name] = ReadDouble(metric.Value);

            var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var item in body.GetProperty("metadata").EnumerateObject())
                metadata[item.Name] = ReadValue(item.Value);

            var files = new Dictionary<string, ManifestFileEntry>(StringComparer.Ordinal);
            foreach (var file in body.GetProperty("files").EnumerateObject())
            {
                var hash = file.Value.GetProperty("xxhash128").GetString() ?? "";
                files[file.Name] = new ManifestFileEntry(file.Value.GetProperty("size").GetInt64(), hash);
            }

            return new StepManifest(
                body.GetProperty("step").GetInt64(),
                DateTimeOffset.Parse(body.GetProperty("saved_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                metrics, metadata, version,
                body.GetProperty("library_version").GetString() ?? "",
                files)
            {
                Sharding = body.TryGetProperty("sharding", out var sharding) ? ReadSharding(sharding) : null,
            };
        }
        catch (Exception e) when (e is not CheckpointException && e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Bad(fileName, $"it is not a valid manifest ({e.Message})", e);
        }
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private static byte[] WriteBody(StepManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("format_version", manifest.FormatVersion);
            writer.WriteString("library_version", manifest.LibraryVersion);
            writer.WriteNumber("step", manifest.Step);
            writer.WriteString("saved_at", manifest.SavedAtUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartObject("metrics");
            foreach (var (name, value) in manifest.Metrics)
            {
                writer.WritePropertyName(name);
                WriteDouble(writer, value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            foreach (var (name, value) in manifest.Metadata)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value, "metadata." + name);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("files");
            foreach (var (name, file) in manifest.Files)
            {
                writer.WriteStartObject(name);
                writer.WriteNumber("size", file.Size);
                writer.WriteString("xxhash128", file.XxHash128);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            if (manifest.Sharding is { } sharding) WriteSharding(writer, sharding);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteSharding(Utf8JsonWriter writer, ShardLayout sharding)
    {
        writer.WriteStartObject("sharding");
        writer.WriteNumber("world_size", sharding.WorldSize);
        writer.WriteString("staging_id", sharding.StagingId);
        writer.WriteStartObject("shards");
        foreach (var (name, shard) in sharding.Shards)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("rank", shard.Rank);
            writer.WriteString("part", PartName(shard.Part));
            writer.WriteStartArray("paths");
            foreach (var path in shard.Paths) writer.WriteStringValue(path);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ShardLayout ReadSharding(JsonElement sharding)
    {
        var shards = new Dictionary<string, ShardEntry>(StringComparer.Ordinal);
        foreach (var shard in sharding.GetProperty("shards").EnumerateObject())
        {
            var paths = shard.Value.GetProperty("paths").EnumerateArray().Select(p => p.GetString() ?? throw new FormatException("a shard path is not a string")).ToList();
            shards[shard.Name] = new ShardEntry(shard.Value.GetProperty("rank").GetInt32(), ParsePart(shard.Value.GetProperty("part").GetString()), paths);
        }

        return new ShardLayout(sharding.GetProperty("world_size").GetInt32(), sharding.GetProperty("staging_id").GetString() ?? "", shards);
    }

    /// <summary>The name of a part in manifests and rendezvous messages.</summary>
    public static string PartName(ShardPart part) => part == ShardPart.Optimizer ? "optimizer" : "model";

    /// <summary>The part a name stands for.</summary>
    /// <exception cref="FormatException">Not a part's name.</exception>
    public static ShardPart ParsePart(string? name) => name switch
    {
        "model" => ShardPart.Model,
        "optimizer" => ShardPart.Optimizer,
        _ => throw new FormatException($"'{name}' is not a shard part (model or optimizer)"),
    };

    // JSON has no NaN or infinities; they are written as the strings .NET and Python both parse.
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static double ReadDouble(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"'{other}' is not a number"),
        }
        : element.GetDouble();

    private static void WriteValue(Utf8JsonWriter writer, object? value, string path)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d: WriteDouble(writer, d); break;
            case float f: WriteDouble(writer, f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case sbyte or byte or short or ushort or int or uint or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case DateTime t: writer.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: writer.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case Enum e: writer.WriteStringValue(e.ToString()); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, path + "." + key);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list) WriteValue(writer, item, path + "." + index++);
                writer.WriteEndArray();
                break;
            default:
                throw new CheckpointException(
                    $"Checkpoint metadata '{path}' is a {value.GetType().Name}; metadata values must be strings, numbers, booleans, null, dates, lists or string-keyed dictionaries of them.");
        }
    }

    private static object? ReadValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(ReadValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ReadValue(p.Value), StringComparer.Ordinal),
        _ => throw new FormatException($"unexpected JSON {element.ValueKind}"),
    };

    private static CheckpointException Bad(string fileName, string what, Exception? inner = null) =>
        new($"Checkpoint manifest {fileName}: {what}.", inner);
}
