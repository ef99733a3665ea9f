using System.Text.Json;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// Issue 17, finding 6: keys and strings of a file reached the terminal raw, so a file could send escape sequences
/// (colours, a new window title, a carriage return that hides the line). Every plain view escapes them as --json does.
/// </summary>
public sealed class EscapeTests : IDisposable
{
    private const string RedKey = "\u001b[31mred\u001b[0m";
    private const string ReturnKey = "ok\rEVIL";
    private const string TitleValue = "\u001b]0;pwned\u0007";
    private const string BidiValue = "abc\u202edef";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Hostile(string name = "hostile.msgpack")
    {
        var path = _folder[name];
        MsgPackCheckpoint.Save(path, new StateDict
        {
            [RedKey] = new TensorNode(new NdArray<float>([1f, 2f], 2)),
            [ReturnKey] = TitleValue,
            ["bidi"] = BidiValue,
            ["nested"] = new StateDict { ["\u009bcsi"] = 1 },
        });
        return path;
    }

    /// <summary>Only printable characters and line breaks: nothing a terminal would act on.</summary>
    private static void AssertInert(string text)
    {
        foreach (var c in text)
        {
            var acts = c is < ' ' and not '\n' or '\x7f' or (>= '\x80' and <= '\x9f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
            Assert.False(acts, $"U+{(int)c:X4} reaches the terminal in:\n{text}");
        }
    }

    [Fact]
    public void The_plain_view_escapes_keys_and_values()
    {
        var result = CliRunner.Run("inspect", Hostile());

        Assert.Equal(0, result.ExitCode);
        AssertInert(result.Output);
        Assert.Contains(@"\x1b[31mred\x1b[0m", result.Output);
        Assert.Contains(@"ok\rEVIL", result.Output);
        Assert.Contains(@"""\x1b]0;pwned\x07""", result.Output);
        Assert.Contains(@"abc\u202edef", result.Output);
        Assert.Contains(@"nested.\x9bcsi", result.Output);
    }

    [Fact]
    public void Json_escapes_them_and_keeps_the_exact_text()
    {
        var result = CliRunner.Run("inspect", Hostile(), "--json");

        Assert.Equal(0, result.ExitCode);
        AssertInert(result.Output);
        using var document = JsonDocument.Parse(result.Output);
        var items = document.RootElement.GetProperty("root").GetProperty("items");
        Assert.Equal("ndarray", items.GetProperty(RedKey).GetProperty("kind").GetString());
        Assert.Equal(TitleValue, items.GetProperty(ReturnKey).GetProperty("value").GetString());
    }

    [Fact]
    public void Diff_verify_folder_listings_and_errors_escape_them_too()
    {
        var a = Hostile("a\u001b[2J.msgpack");
        var b = _folder["b.msgpack"];
        MsgPackCheckpoint.Save(b, new StateDict { [RedKey] = new TensorNode(new NdArray<float>([1f, 3f], 2)), [ReturnKey] = "other" });

        var diff = CliRunner.Run("diff", a, b);
        var listing = CliRunner.Run("inspect", _folder.Path);
        var verify = CliRunner.Run("verify", _folder.Path);
        var refused = CliRunner.Run("convert", a, _folder["out.safetensors"]);

        Assert.Equal(1, diff.ExitCode);
        Assert.Contains(@"\x1b[31mred\x1b[0m", diff.Output);
        Assert.Contains(@"a\x1b[2J.msgpack", listing.Output);
        Assert.Contains(@"a\x1b[2J.msgpack", verify.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Error.TrimEnd().Split('\n'));
        foreach (var text in new[] { diff.Output, listing.Output, verify.Output, refused.Error }) AssertInert(text);
    }
}
