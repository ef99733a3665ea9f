using System.Buffers.Binary;
using System.Text;
using Checkpoint.Generated;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Reads MessagePack one header at a time from a <see cref="MsgPackInput"/>. Headers and scalars are decoded
/// straight from the few buffered header bytes (the spec's table of first bytes); bodies (strings, bins, ext payloads)
/// are read on request, after their declared length has been checked against what is left, so a lying
/// length fails fast instead of allocating. Ext payloads are read inside a scope that nothing may cross.
/// </summary>
internal sealed class MsgPackTokenReader(MsgPackInput input, ReadContext context)
{
    // The longest header: a code byte and an 8-byte value (uint64, int64, float64).
    private const int MaxHeaderBytes = 9;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private long _scopeEnd = long.MaxValue;

    public long Position => input.Position;

    public ReadContext Context => context;

    /// <summary>Bytes that may still be read here: the rest of the current ext payload or of the stream.</summary>
    public long Available => Math.Min(_scopeEnd - input.Position, input.Remaining);

    /// <summary>Whether the source told its length, so declared lengths were checked against it.</summary>
    public bool KnowsSourceLength => input.KnowsLength;

    /// <summary>Bytes left in the whole source (<see cref="long.MaxValue"/> when unknown), ignoring ext scopes.</summary>
    public long SourceRemaining => input.Remaining;

    /// <summary>Reads the next header (and its value for scalars).</summary>
    public MsgPackToken Read()
    {
        var offset = input.Position;
        if (_scopeEnd - offset <= 0)
            throw context.Error(offset, "expected a value but the enclosing ext payload has ended");
        var window = input.BufferedSpan;
        if (window.Length < MaxHeaderBytes)
        {
            if (input.Fill(MaxHeaderBytes) == 0) throw context.Error(offset, "unexpected end of data: expected a value");
            window = input.BufferedSpan;
        }

        var token = Decode(window, offset, out var consumed);
        if (consumed > window.Length)
            throw context.Error(offset, $"unexpected end of data inside the header of {DescribeCode(window[0])}");
        input.Advance(consumed);
        if (input.Position > _scopeEnd)
            throw context.Error(offset, $"{token.Describe()} header crosses the end of the enclosing ext payload");
        return token;
    }

    /// <summary>
    /// The next bytes, straight from the read buffer (filled first): at most <paramref name="max"/> and never past the
    /// current scope or the source. For decoders of a whole common structure at once; <see cref="Consume"/> what was used.
    /// </summary>
    public ReadOnlySpan<byte> Peek(int max)
    {
        var limit = (int)Math.Min(Math.Min(max, MsgPackInput.BufferSize), Available);
        if (input.BufferedSpan.Length < limit) input.Fill(limit);
        var span = input.BufferedSpan;
        return span.Length > limit ? span[..limit] : span;
    }

    /// <summary>Consumes <paramref name="count"/> bytes that <see cref="Peek"/> returned.</summary>
    public void Consume(int count) => input.Advance(count);

    /// <summary>Confines the next <paramref name="length"/> bytes (an ext payload); returns what to pass to <see cref="ExitScope"/>.</summary>
    public long EnterScope(long length, string what)
    {
        RequireAvailable(length, what);
        var saved = _scopeEnd;
        _scopeEnd = input.Position + length;
        return saved;
    }

    /// <summary>Leaves a scope; the payload must have been read exactly.</summary>
    public void ExitScope(long saved, string what)
    {
        if (input.Position != _scopeEnd)
            throw context.Error(input.Position, $"{what} has {_scopeEnd - input.Position} unread byte(s) at its end");
        _scopeEnd = saved;
    }

    /// <summary>Throws unless <paramref name="count"/> more bytes can be read here.</summary>
    public void RequireAvailable(long count, string what)
    {
        if (count < 0) throw context.Error(input.Position, $"{what}: negative length {count}");
        var inScope = _scopeEnd - input.Position;
        if (count > inScope)
            throw context.Error(input.Position, $"{what}: declared {count} bytes but the enclosing ext payload has only {inScope} left");
        if (input.KnowsLength && count > input.Remaining)
            throw context.Error(input.Position, $"{what}: declared {count} data bytes but only {input.Remaining} remain");
    }

    /// <summary>
    /// Reads a string body of <paramref name="byteCount"/> UTF-8 bytes. Keys (<paramref name="isKey"/>) that repeat
    /// through a file ("weight", list indices) come from a cache instead of a new string each.
    /// </summary>
    public string ReadString(long byteCount, string what, bool isKey = false)
    {
        var offset = input.Position;
        RequireAvailable(byteCount, what);
        try
        {
            if (byteCount <= MsgPackInput.BufferSize && input.Fill((int)byteCount) >= byteCount)
            {
                // The common case: the bytes are already buffered, decoded in place.
                var bytes = input.BufferedSpan[..(int)byteCount];
                var text = isKey ? IndexKeys.TryGetCached(bytes) ?? _keys.Get(bytes) : StrictUtf8.GetString(bytes);
                input.Advance((int)byteCount);
                return text;
            }

            return StrictUtf8.GetString(ReadBytes(byteCount, what));
        }
        catch (DecoderFallbackException e)
        {
            throw context.Error(offset, $"{what} is not valid UTF-8", e);
        }
    }

    private readonly KeyCache _keys = new(StrictUtf8);

    /// <summary>Reads a body of <paramref name="count"/> bytes into a new array.</summary>
    public byte[] ReadBytes(long count, string what)
    {
        RequireAvailable(count, what);
        if (count > Array.MaxLength) throw context.Error(input.Position, $"{what}: {count} bytes are more than one array can hold");
        if (input.KnowsLength)
        {
            var result = new byte[count];
            ReadInto(result, what);
            return result;
        }

        // Length unknown (a pipe): grow with the data actually received, so a lying header cannot make us
        // allocate more than the stream really holds (plus one step).
        var buffer = new MemoryStream();
        var chunk = new byte[(int)Math.Min(count, 1 << 20)];
        var left = count;
        while (left > 0)
        {
            var part = chunk.AsSpan(0, (int)Math.Min(left, chunk.Length));
            ReadInto(part, what);
            buffer.Write(part);
            left -= part.Length;
        }

        return buffer.ToArray();
    }

    /// <summary>Reads exactly <c>destination.Length</c> body bytes into <paramref name="destination"/>.</summary>
    public void ReadInto(Span<byte> destination, string what)
    {
        RequireAvailable(destination.Length, what);
        var offset = input.Position;
        var got = input.ReadUpTo(destination);
        if (got != destination.Length)
            throw context.Error(offset, $"{what}: declared {destination.Length} data bytes but only {got} remain");
    }

    /// <summary>Skips <paramref name="count"/> body bytes.</summary>
    public void Skip(long count, string what)
    {
        RequireAvailable(count, what);
        var offset = input.Position;
        var skipped = input.SkipUpTo(count);
        if (skipped != count)
            throw context.Error(offset, $"{what}: declared {count} data bytes but only {skipped} remain");
    }

    /// <summary>Throws unless the source ends here (one object per file).</summary>
    public void RequireEnd()
    {
        if (input.KnowsLength ? input.Remaining > 0 : input.HasMore())
        {
            var extra = input.KnowsLength ? $"{input.Remaining} trailing byte(s)" : "trailing bytes";
            throw context.Error(input.Position, $"{extra} after the root object");
        }
    }

    // Decodes one header straight from the buffered bytes (the MessagePack spec's table of first bytes). When the
    // header needs more bytes than are buffered, `consumed` says how many, and the caller reports the truncation.
    private MsgPackToken Decode(ReadOnlySpan<byte> bytes, long offset, out int consumed)
    {
        var code = bytes[0];
        consumed = 1;
        switch (code)
        {
            case <= 0x7f: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = code };
            case <= 0x8f: return new MsgPackToken(MsgPackTokenKind.Map, offset) { Length = code & 0x0f };
            case <= 0x9f: return new MsgPackToken(MsgPackTokenKind.Array, offset) { Length = code & 0x0f };
            case <= 0xbf: return new MsgPackToken(MsgPackTokenKind.Str, offset) { Length = code & 0x1f };
            case 0xc0: return new MsgPackToken(MsgPackTokenKind.Nil, offset);
            case 0xc2: return new MsgPackToken(MsgPackTokenKind.Bool, offset) { Bool = false };
            case 0xc3: return new MsgPackToken(MsgPackTokenKind.Bool, offset) { Bool = true };
            case >= 0xe0: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = (sbyte)code };
        }

        consumed = 1 + HeaderBytes(code);
        if (consumed > bytes.Length) return default;
        var body = bytes[1..consumed];
        switch (code)
        {
            case 0xc4 or 0xc5 or 0xc6:
                return new MsgPackToken(MsgPackTokenKind.Bin, offset) { Length = Unsigned(body) };
            case 0xc7 or 0xc8 or 0xc9:
                return new MsgPackToken(MsgPackTokenKind.Ext, offset) { Length = Unsigned(body[..^1]), ExtType = (sbyte)body[^1] };
            case 0xca:
                return new MsgPackToken(MsgPackTokenKind.Float, offset) { Float = BinaryPrimitives.ReadSingleBigEndian(body) };
            case 0xcb:
                return new MsgPackToken(MsgPackTokenKind.Float, offset) { Float = BinaryPrimitives.ReadDoubleBigEndian(body) };
            case 0xcc or 0xcd or 0xce:
                return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = Unsigned(body) };
            case 0xcf:
                var value = BinaryPrimitives.ReadUInt64BigEndian(body);
                return value <= long.MaxValue
                    ? new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = (long)value }
                    : new MsgPackToken(MsgPackTokenKind.UInt, offset) { UInt = value };
            case 0xd0: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = (sbyte)body[0] };
            case 0xd1: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = BinaryPrimitives.ReadInt16BigEndian(body) };
            case 0xd2: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = BinaryPrimitives.ReadInt32BigEndian(body) };
            case 0xd3: return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = BinaryPrimitives.ReadInt64BigEndian(body) };
            case >= 0xd4 and <= 0xd8:
                return new MsgPackToken(MsgPackTokenKind.Ext, offset) { Length = 1 << (code - 0xd4), ExtType = (sbyte)body[0] };
            case 0xd9 or 0xda or 0xdb:
                return new MsgPackToken(MsgPackTokenKind.Str, offset) { Length = Unsigned(body) };
            case 0xdc or 0xdd:
                // array32/map32 counts of 2^31 and more: no file this size can be real.
                var items = Unsigned(body);
                if (items > int.MaxValue) throw context.Error(offset, "array length too large");
                return new MsgPackToken(MsgPackTokenKind.Array, offset) { Length = items };
            case 0xde or 0xdf:
                var pairs = Unsigned(body);
                if (pairs > int.MaxValue) throw context.Error(offset, "map length too large");
                return new MsgPackToken(MsgPackTokenKind.Map, offset) { Length = pairs };
            default:
                throw context.Error(offset, $"invalid MessagePack code 0x{code:x2}");
        }
    }

    // The bytes after the first of a header: lengths and values, big-endian (and the ext type byte).
    private static int HeaderBytes(byte code) => code switch
    {
        0xc4 or 0xcc or 0xd0 or 0xd9 => 1,
        0xc5 or 0xcd or 0xd1 or 0xda or 0xdc or 0xde => 2,
        0xc6 or 0xca or 0xce or 0xd2 or 0xdb or 0xdd or 0xdf => 4,
        0xcb or 0xcf or 0xd3 => 8,
        0xc7 => 2,
        0xc8 => 3,
        0xc9 => 5,
        >= 0xd4 and <= 0xd8 => 1,
        _ => 0,
    };

    private static long Unsigned(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
        _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
    };

    private static string DescribeCode(byte code) => code switch
    {
        0xca or 0xcb => "a float",
        >= 0xcc and <= 0xd3 => "an integer",
        0xd9 or 0xda or 0xdb => "a string",
        0xc4 or 0xc5 or 0xc6 => "a bin",
        0xdc or 0xdd => "an array",
        0xde or 0xdf => "a map",
        0xc7 or 0xc8 or 0xc9 or (>= 0xd4 and <= 0xd8) => "an ext",
        _ => $"code 0x{code:x2}",
    };
}
