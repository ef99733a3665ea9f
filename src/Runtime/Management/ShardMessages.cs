using System.Globalization;
using System.Text.Json;

namespace Checkpoint.Management;

/// <summary>A rank other than 0 is ready to save a step; the nonce is fresh for this save, so rank 0's intent can name it.</summary>
internal sealed record ShardReady(int Rank, int WorldSize, string Nonce);

/// <summary>Rank 0 started the save: the staging to join, and the nonce of each rank it expects (a rank joins only an intent naming its own).</summary>
internal sealed record ShardIntent(long Step, int WorldSize, string StagingId, IReadOnlyDictionary<int, string> Nonces);

/// <summary>A rank's shard files are durable in the staging (or, with <see cref="Error"/>, they could not be written).</summary>
internal sealed record ShardDone(int Rank, string StagingId, string Nonce, IReadOnlyDictionary<string, ShardFile> Files, string? Error);

/// <summary>One shard file as its rank wrote it.</summary>
internal sealed record ShardFile(ManifestFileEntry Entry, ShardEntry Shard);

/// <summary>
/// The small JSON objects through which the ranks of a sharded save meet (docs/sharding.md): written and parsed by
/// hand, like the manifest; anything malformed is a <see cref="FormatException"/> the caller reports.
/// </summary>
internal static class ShardMessages
{
    public const int MaxBytes = 16 << 20;

    public static byte[] Write(ShardReady ready) => Json(writer =>
    {
        writer.WriteNumber("rank", ready.Rank);
        writer.WriteNumber("world_size", ready.WorldSize);
        writer.WriteString("nonce", ready.Nonce);
    });

    public static byte[] Write(ShardIntent intent) => Json(writer =>
    {
        writer.WriteNumber("step", intent.Step);
        writer.WriteNumber("world_size", intent.WorldSize);
        writer.WriteString("staging_id", intent.StagingId);
        writer.WriteStartObject("nonces");
        foreach (var (rank, nonce) in intent.Nonces) writer.WriteString(rank.ToString(CultureInfo.InvariantCulture), nonce);
        writer.WriteEndObject();
    });

    public static byte[] Write(ShardDone done) => Json(writer =>
    {
        writer.WriteNumber("rank", done.Rank);
        writer.WriteString("staging_id", done.StagingId);
        writer.WriteString("nonce", done.Nonce);
        if (done.Error is not null) writer.WriteString("error", done.Error);
        writer.WriteStartObject("files");
        foreach (var (name, file) in done.Files)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("size", file.Entry.Size);
            writer.WriteString("xxhash128", file.Entry.XxHash128);
            writer.WriteString("part", ManifestSerializer.PartName(file.Shard.Part));
            writer.WriteStartArray("paths");
            foreach (var path in file.Shard.Paths) writer.WriteStringValue(path);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    });

    public static ShardReady ReadReady(byte[] bytes) => Parse(bytes, root =>
        new ShardReady(root.GetProperty("rank").GetInt32(), root.GetProperty("world_size").GetInt32(), Text(root, "nonce")));

    public static ShardIntent ReadIntent(byte[] bytes) => Parse(bytes, root =>
    {
        var nonces = new Dictionary<int, string>();
        foreach (var item in root.GetProperty("nonces").EnumerateObject())
            nonces[int.Parse(item.Name, NumberStyles.None, CultureInfo.InvariantCulture)] = item.Value.GetString() ?? "";
        return new ShardIntent(root.GetProperty("step").GetInt64(), root.GetProperty("world_size").GetInt32(), Text(root, "staging_id"), nonces);
    });

    public static ShardDone ReadDone(byte[] bytes) => Parse(bytes, root =>
    {
        var rank = root.GetProperty("rank").GetInt32();
        var files = new Dictionary<string, ShardFile>(StringComparer.Ordinal);
        foreach (var file in root.GetProperty("files").EnumerateObject())
        {
            var paths = file.Value.GetProperty("paths").EnumerateArray().Select(p => p.GetString() ?? "").ToList();
            files[file.Name] = new ShardFile(
                new ManifestFileEntry(file.Value.GetProperty("size").GetInt64(), Text(file.Value, "xxhash128")),
                new ShardEntry(rank, ManifestSerializer.ParsePart(file.Value.GetProperty("part").GetString()), paths));
        }

        return new ShardDone(rank, Text(root, "staging_id"), Text(root, "nonce"), files,
            root.TryGetProperty("error", out var error) ? error.GetString() : null);
    });

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static T Parse<T>(byte[] bytes, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
