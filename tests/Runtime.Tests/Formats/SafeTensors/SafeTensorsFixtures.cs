using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>The files of tests/Fixtures/safetensors (an independent Python writer) and their expected.json.</summary>
internal static class SafeTensorsFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors");

    private static readonly Lazy<JsonDocument> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json"))));

    public static JsonElement Entry(string file) =>
        Expected.Value.RootElement.GetProperty("files").EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Expected.Value.RootElement.GetProperty("files").EnumerateArray()) data.Add(entry.GetProperty("file").GetString()!);
        return data;
    }
}
