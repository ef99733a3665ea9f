namespace Checkpoint.Samples;

/// <summary>
/// xoshiro128** (Blackman and Vigna): a small generator whose whole state is four [LongTerm] words, so saving it
/// with a checkpoint makes a resumed run draw exactly the numbers the uninterrupted run would have drawn.
/// </summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class Xoshiro128
{
    /// <summary>A generator seeded through SplitMix64 (so any seed, even 0, gives a good state).</summary>
    public Xoshiro128(ulong seed)
    {
        var a = SplitMix(ref seed);
        var b = SplitMix(ref seed);
        (S0, S1, S2, S3) = ((uint)a, (uint)(a >> 32), (uint)b, (uint)(b >> 32));
    }

    /// <summary>State word 0.</summary>
    [LongTerm] public uint S0 { get; set; }

    /// <summary>State word 1.</summary>
    [LongTerm] public uint S1 { get; set; }

    /// <summary>State word 2.</summary>
    [LongTerm] public uint S2 { get; set; }

    /// <summary>State word 3.</summary>
    [LongTerm] public uint S3 { get; set; }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt()
    {
        var result = uint.RotateLeft(S1 * 5, 7) * 9;
        var t = S1 << 9;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = uint.RotateLeft(S3, 11);
        return result;
    }

    /// <summary>A float uniform in [0, 1), from the top 24 bits.</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / (1 << 24));

    /// <summary>An integer uniform in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)((ulong)NextUInt() * (ulong)bound >> 32);

    /// <summary>Shuffles in place (Fisher-Yates).</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
