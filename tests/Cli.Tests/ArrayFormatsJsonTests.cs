using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>inspect --json</c> of .npy, .npz and .safetensors files uses the msgpack node schema, and agrees with what numpy
/// and the safetensors fixture script recorded (tests/Fixtures/numpy, tests/Fixtures/safetensors: dtype, shape, the
/// SHA-256 of the little-endian C-order bytes). The format comes from the extension, or the content for other names.
/// </summary>
public sealed class ArrayFormatsJsonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> NumpyFiles() => FileNames("numpy");

    public static TheoryData<string> SafeTensorsFiles() => FileNames("safetensors");

    private static TheoryData<string> FileNames(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Expected(folder)) data.Add(file["file"]!.GetValue<string>());
        return data;
    }

    private static IEnumerable<JsonNode> Expected(string folder) =>
        JsonNode.Parse(File.ReadAllText(CliRunner.Fixture(folder, "expected.json")))!["files"]!.AsArray().Select(n => n!);

    private static JsonElement Inspect(string path)
    {
        var result = CliRunner.Run("inspect", path, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    /// <summary>The ndarray nodes of a document's tree by dotted path ("" for a bare array at the root).</summary>
    private static Dictionary<string, JsonElement> Arrays(JsonElement node, string path = "")
    {
        var found = new Dictionary<string, JsonElement>();
        if (node.GetProperty("kind").GetString() == "ndarray") found[path] = node;
        else
            foreach (var item in node.GetProperty("items").EnumerateObject())
                foreach (var pair in Arrays(item.Value, path.Length == 0 ? item.Name : path + "." + item.Name)) found[pair.Key] = pair.Value;
        return found;
    }

    private static void AssertSameArray(JsonNode expected, JsonElement actual, string where)
    {
        Assert.True(expected["dtype"]!.GetValue<string>() == actual.GetProperty("dtype").GetString(), $"{where}: dtype");
        Assert.Equal(expected["shape"]!.AsArray().Select(d => d!.GetValue<int>()), actual.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.True(expected["sha256"]!.GetValue<string>() == actual.GetProperty("sha256_le_c_order").GetString(), $"{where}: sha256");
        Assert.Equal(1, actual.GetProperty("ext").GetInt32());
    }

    [Theory]
    [MemberData(nameof(NumpyFiles))]
    public void Numpy_files_match_what_numpy_read(string name)
    {
        var expected = Expected("numpy").Single(f => f["file"]!.GetValue<string>() == name);
        var document = Inspect(CliRunner.Fixture("numpy", name));

        Assert.Equal(name.EndsWith(".npz") ? "npz" : "npy", document.GetProperty("format").GetString());
        var arrays = Arrays(document.GetProperty("root"));
        if (expected["array"] is { } single)
        {
            AssertSameArray(single, arrays[""], name);
            return;
        }

        var wanted = expected["arrays"]!.AsObject();
        Assert.Equal(wanted.Select(p => p.Key).Order(), arrays.Keys.Order());
        foreach (var (key, array) in wanted) AssertSameArray(array!, arrays[key], $"{name}:{key}");
    }

    [Theory]
    [MemberData(nameof(SafeTensorsFiles))]
    public void Safetensors_files_match_the_writer_and_show_their_metadata(string name)
    {
        var expected = Expected("safetensors").Single(f => f["file"]!.GetValue<string>() == name);
        var document = Inspect(CliRunner.Fixture("safetensors", name));

        Assert.Equal("safetensors", document.GetProperty("format").GetString());
        var tensors = expected["tensors"]!.AsObject();
        var arrays = Arrays(document.GetProperty("root"));
        Assert.Equal(tensors.Select(p => p.Key).Order(), arrays.Keys.Order());
        foreach (var (key, tensor) in tensors) AssertSameArray(tensor!, arrays[key], $"{name}:{key}");
        if (expected["metadata"] is JsonObject metadata)
            foreach (var (key, value) in metadata) Assert.Equal(value!.GetValue<string>(), document.GetProperty("metadata").GetProperty(key).GetString());
    }

    [Theory]
    [InlineData("numpy", "savez_compressed.npz", "npz")]
    [InlineData("numpy", "float64_big_endian.npy", "npy")]
    [InlineData("safetensors", "model.safetensors", "safetensors")]
    [InlineData("braintools", "10_nested_dicts.msgpack", "msgpack")]
    public void Other_names_are_read_by_content(string folder, string name, string format)
    {
        var renamed = _folder["weights.bin"];
        File.Copy(CliRunner.Fixture(folder, name), renamed);

        var original = Inspect(CliRunner.Fixture(folder, name));
        var document = Inspect(renamed);

        Assert.Equal(format, document.GetProperty("format").GetString());
        Assert.Equal(original.GetProperty("root").GetRawText(), document.GetProperty("root").GetRawText());
    }

    [Fact]
    public void The_plain_view_reads_every_format()
    {
        var npz = CliRunner.Run("inspect", CliRunner.Fixture("numpy", "savez.npz"));
        var safetensors = CliRunner.Run("inspect", CliRunner.Fixture("safetensors", "every_dtype.safetensors"));

        Assert.Contains("savez.npz (npz, ", npz.Output);
        Assert.Matches(@"encoder\.weight +ndarray +float32 +\(3, 2\) +24 +\[-2\.25, -0\.75, 0\.75, 2\.25, 3\.75, 5\.25\]", npz.Output);
        Assert.Contains("every_dtype.safetensors (safetensors, ", safetensors.Output);
        Assert.Contains("metadata: format=\"np\" note=\"written by make_fixtures.py\"", safetensors.Output);
    }
}
