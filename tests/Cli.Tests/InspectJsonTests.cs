using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>inspect --json</c> must describe every Python-written fixture exactly as the Python reader did
/// (expected.json, <c>msgpack_load_no_target</c>).
/// </summary>
public class InspectJsonTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in ExpectedFiles()) data.Add(file["file"]!.GetValue<string>());
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Json_matches_what_python_read(string fixture)
    {
        var result = CliRunner.Run("inspect", CliRunner.Fixture(fixture), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var document = JsonNode.Parse(result.Output)!;
        Assert.Equal(fixture, document["file"]!.GetValue<string>());
        var expected = ExpectedFiles().Single(f => f["file"]!.GetValue<string>() == fixture)["msgpack_load_no_target"]!;
        AssertSameNode(expected, document["root"]!, "root");
    }

    private static IEnumerable<JsonNode> ExpectedFiles() =>
        JsonNode.Parse(File.ReadAllText(CliRunner.Fixture("expected.json")))!["files"]!.AsArray()!.Select(n => n!);

    /// <summary>Deep equality; numbers compare by value (Python and .NET may spell them differently).</summary>
    private static void AssertSameNode(JsonNode? expected, JsonNode? actual, string where)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                Assert.True(
                    expectedObject.Select(p => p.Key).Order().SequenceEqual(actualObject.Select(p => p.Key).Order()),
                    $"{where}: keys {string.Join(",", actualObject.Select(p => p.Key))}, expected {string.Join(",", expectedObject.Select(p => p.Key))}");
                foreach (var (key, value) in expectedObject) AssertSameNode(value, actualObject[key], $"{where}.{key}");
                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(expectedArray.Count == actualArray.Count, $"{where}: {actualArray.Count} items, expected {expectedArray.Count}");
                for (var i = 0; i < expectedArray.Count; i++) AssertSameNode(expectedArray[i], actualArray[i], $"{where}[{i}]");
                break;
            case JsonValue expectedValue when expectedValue.GetValueKind() == JsonValueKind.Number:
                Assert.True(actual is JsonValue v && v.GetValueKind() == JsonValueKind.Number, $"{where}: expected a number, got {actual}");
                Assert.True(
                    expectedValue.GetValue<double>().Equals(actual!.GetValue<double>()),
                    $"{where}: {actual.ToJsonString()}, expected {expectedValue.ToJsonString()}");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{where}: {actual?.ToJsonString()}, expected {expected.ToJsonString()}");
                break;
        }
    }
}
