using System.Text;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The strings of short map keys a reader has seen, so a file whose 100,000 layers each have a "weight" holds one
/// "weight" string, not 100,000. Fixed size (a direct-mapped table): a hostile file cannot make it grow.
/// </summary>
internal sealed class KeyCache(Encoding strictUtf8)
{
    private const int Slots = 1024;
    private const int MaxKeyBytes = 48;

    private readonly byte[]?[] _bytes = new byte[]?[Slots];
    private readonly string?[] _strings = new string?[Slots];

    /// <summary>The string of <paramref name="utf8"/>, from the table when it was seen before.</summary>
    /// <exception cref="DecoderFallbackException">The bytes are not valid UTF-8.</exception>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxKeyBytes) return strictUtf8.GetString(utf8);
        var slot = (int)((uint)HashCode(utf8) % Slots);
        if (_bytes[slot] is { } seen && utf8.SequenceEqual(seen)) return _strings[slot]!;
        var text = strictUtf8.GetString(utf8);
        _bytes[slot] = utf8.ToArray();
        _strings[slot] = text;
        return text;
    }

    private static int HashCode(ReadOnlySpan<byte> bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
