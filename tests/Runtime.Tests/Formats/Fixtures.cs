using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>The Python-written fixture files and their description in expected.json.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "braintools");

    private static readonly Lazy<JsonDocument> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json"))));

    public static IEnumerable<JsonElement> Entries() => Expected.Value.RootElement.GetProperty("files").EnumerateArray();

    public static JsonElement Entry(string file) => Entries().Single(e => e.GetProperty("file").GetString() == file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries()) data.Add(entry.GetProperty("file").GetString()!);
        return data;
    }

    /// <summary>The chunk limit the file was written with (64 for the patched fixture), else the default.</summary>
    public static long ChunkLimit(JsonElement entry) =>
        entry.TryGetProperty("patched_MAX_CHUNK_SIZE", out var limit) ? limit.GetInt64() : 1L << 30;
}
