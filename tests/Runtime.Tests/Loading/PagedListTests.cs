using Checkpoint.Loading;

namespace Checkpoint.Runtime.Tests.Loading;

public class PagedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(25_000)]
    public void Items_come_back_in_order_across_pages(int count)
    {
        var paged = new PagedList<(long, string)>();
        var plain = new List<(long, string)>();
        for (var i = 0; i < count; i++)
        {
            var item = ((long)i * 7919, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            paged.Add(item);
            plain.Add(item);
        }

        Assert.Equal(plain.Count, paged.Count);
        Assert.Equal(plain, paged.ToList());
        for (var i = 0; i < count; i += 997) Assert.Equal(plain[i], paged[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => paged[count]);
    }

    [Fact]
    public void Paths_of_levels_join_from_the_root()
    {
        var table = new PathTable();
        var layers = table.Add(PathTable.Root, "layers");
        var first = table.Add(layers, "0");
        Assert.Equal("w", table.Join(PathTable.Root, "w"));
        Assert.Equal(string.Join(StateDict.PathSeparator, "layers", "0", "w"), table.Join(first, "w"));
        Assert.Equal(["layers", "0"], table.Segments(first));
        Assert.Equal("", table.Text(PathTable.Root));
    }
}
