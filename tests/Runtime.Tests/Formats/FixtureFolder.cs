using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>A folder of tests/Fixtures written by Python, with its expected.json (a "files" list of entries with a "file" name).</summary>
internal sealed class FixtureFolder(string name)
{
    private readonly Lazy<JsonDocument> _expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name, "expected.json"))));

    public IEnumerable<JsonElement> Entries() => _expected.Value.RootElement.GetProperty("files").EnumerateArray();

    public JsonElement Entry(string file) => Entries().Single(e => e.GetProperty("file").GetString() == file);

    public string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name, file);

    public byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));

    /// <summary>The files whose names end with <paramref name="suffix"/>.</summary>
    public TheoryData<string> Named(string suffix = "")
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries())
        {
            var file = entry.GetProperty("file").GetString()!;
            if (file.EndsWith(suffix, StringComparison.Ordinal)) data.Add(file);
        }

        return data;
    }
}

/// <summary>The fixture folders of the array formats.</summary>
internal static class ArrayFixtures
{
    /// <summary>tests/Fixtures/numpy: files written by numpy.</summary>
    public static FixtureFolder Numpy { get; } = new("numpy");

    /// <summary>tests/Fixtures/safetensors: files written by an independent safetensors writer.</summary>
    public static FixtureFolder SafeTensors { get; } = new("safetensors");
}
