using System.Text;

namespace Checkpoint.Storage.Tests.Contract;

internal static class TestData
{
    public const int MiB = 1024 * 1024;

    /// <summary>Reproducible pseudo-random bytes (a different seed gives different bytes).</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<byte[]> ReadAllAsync(ObjectStorage storage, string name)
    {
        await using var stream = await storage.OpenReadAsync(name);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static async Task<List<string>> NamesAsync(IAsyncEnumerable<StorageObjectInfo> items)
    {
        var names = new List<string>();
        await foreach (var item in items) names.Add(item.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static async Task<List<string>> SortedAsync(IAsyncEnumerable<string> items)
    {
        var names = new List<string>();
        await foreach (var item in items) names.Add(item);
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
