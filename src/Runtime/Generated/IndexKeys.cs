using System.Globalization;

namespace Checkpoint.Generated;

/// <summary>
/// The keys of list entries ("0", "1", ...), made once and shared: a model with 100,000 layers and the file it is
/// loaded from then hold one string per index between them, not one per visit.
/// </summary>
internal static class IndexKeys
{
    // Indices below this are cached (at most 8 MiB of strings); larger ones are formatted each time.
    internal const int CacheLimit = 1 << 18;

    private static string[] _cache = Build(1024);

    /// <summary>The decimal text of <paramref name="index"/>.</summary>
    public static string Of(long index)
    {
        var cache = Volatile.Read(ref _cache);
        if ((ulong)index < (ulong)cache.Length) return cache[index];
        if (index >= CacheLimit || index < 0) return index.ToString(CultureInfo.InvariantCulture);
        lock (typeof(IndexKeys))
        {
            cache = _cache;
            if (index >= cache.Length)
            {
                var grown = Build((int)Math.Min(CacheLimit, Math.Max(index + 1, cache.Length * 2L)), cache);
                Volatile.Write(ref _cache, grown);
                cache = grown;
            }
        }

        return cache[index];
    }

    /// <summary>
    /// The cached string for an all-digit key read from a file (<paramref name="utf8"/>), so readers need not
    /// allocate one per list entry; null when the bytes are not a canonical index below the cache limit.
    /// </summary>
    public static string? TryGetCached(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > 6 || (utf8[0] == (byte)'0' && utf8.Length > 1)) return null;
        var value = 0;
        foreach (var b in utf8)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) return null;
            value = value * 10 + digit;
        }

        return value < CacheLimit ? Of(value) : null;
    }

    /// <summary>Whether <paramref name="key"/> is the decimal text of <paramref name="index"/> ("0", "17"; no sign, no leading zero).</summary>
    public static bool Is(string key, int index)
    {
        var cache = Volatile.Read(ref _cache);
        if ((uint)index < (uint)cache.Length) return ReferenceEquals(key, cache[index]) || key == cache[index];
        return TryParse(key, out var parsed) && parsed == index;
    }

    /// <summary>The number of a canonical index key ("0", "17"); false for anything else ("007", "-1", "a").</summary>
    public static bool TryParse(string key, out int index)
    {
        index = 0;
        if (key.Length is 0 or > 9 || (key[0] == '0' && key.Length > 1)) return false;
        foreach (var c in key)
        {
            var digit = c - '0';
            if ((uint)digit > 9) return false;
            index = index * 10 + digit;
        }

        return true;
    }

    private static string[] Build(int length, string[]? existing = null)
    {
        var keys = new string[length];
        var start = 0;
        if (existing is not null)
        {
            existing.CopyTo(keys, 0);
            start = existing.Length;
        }

        for (var i = start; i < keys.Length; i++) keys[i] = i.ToString(CultureInfo.InvariantCulture);
        return keys;
    }
}
