namespace Checkpoint.Storage.Tests;

public sealed class StorageNamesTests
{
    [Theory]
    [InlineData("model.msgpack")]
    [InlineData("step_00000042/model.msgpack")]
    [InlineData("a/b/c/d.e")]
    [InlineData(".lock")]
    [InlineData("über/日本")]
    public void Relative_slash_separated_names_are_valid(string name) => Assert.Equal(name, StorageNames.Validate(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/a", "starts with '/'")]
    [InlineData("a/", "ends with '/'")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/../b", "'..' segment")]
    [InlineData("./a", "'.' segment")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a:b", "':'")]
    [InlineData("a\nb", "control character")]
    [InlineData("step_1/.model.msgpack.tmp-0123", "reserved")]
    [InlineData(".tmp-step_1-abc/x", "reserved")]
    [InlineData(".old-step_1-abc", "reserved")]
    public void Invalid_names_are_refused_with_the_reason(string name, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => StorageNames.Validate(name));

        Assert.Contains(reason, error.Message);
        Assert.False(StorageNames.IsValid(name));
    }

    [Fact]
    public void A_name_longer_than_1024_utf8_bytes_is_refused()
    {
        Assert.True(StorageNames.IsValid(new string('a', 1024)));
        Assert.False(StorageNames.IsValid(new string('é', 513)));
    }

    [Fact]
    public void Prefixes_contain_their_descendants_only()
    {
        Assert.True(StorageNames.IsUnder("step_1/a", "step_1"));
        Assert.False(StorageNames.IsUnder("step_10/a", "step_1"));
        Assert.False(StorageNames.IsUnder("step_1", "step_1"));
        Assert.True(StorageNames.IsUnder("anything", ""));
        Assert.Equal("a/b", StorageNames.Relative("step_1/a/b", "step_1"));
        Assert.Equal("step_1/a", StorageNames.Join("step_1", "a"));
        Assert.Equal("a", StorageNames.Join("", "a"));
        Assert.Equal("step_1", StorageNames.Parent("step_1/a"));
        Assert.Equal("a", StorageNames.LastSegment("step_1/a"));
        Assert.Equal("", StorageNames.ValidatePrefix(""));
    }
}
