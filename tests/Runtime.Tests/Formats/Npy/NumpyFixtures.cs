using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>The numpy-written files of tests/Fixtures/numpy and their expected.json.</summary>
internal static class NumpyFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy");

    private static readonly Lazy<JsonDocument> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json"))));

    public static IEnumerable<JsonElement> Entries() => Expected.Value.RootElement.GetProperty("files").EnumerateArray();

    public static JsonElement Entry(string file) => Entries().Single(e => e.GetProperty("file").GetString() == file);

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    public static TheoryData<string> Named(string extension)
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries())
        {
            var file = entry.GetProperty("file").GetString()!;
            if (file.EndsWith(extension, StringComparison.Ordinal)) data.Add(file);
        }

        return data;
    }
}
