using System.Buffers.Binary;
using System.Text;
using MessagePack;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Reads MessagePack one header at a time from a <see cref="MsgPackInput"/>. Headers and scalars are decoded
/// with <see cref="MessagePackReader"/> over the few buffered header bytes; bodies (strings, bins, ext payloads)
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
        var buffered = input.Fill(MaxHeaderBytes);
        if (buffered == 0) throw context.Error(offset, "unexpected end of data: expected a value");

        var window = input.Buffered;
        var code = window.Span[0];
        var reader = new MessagePackReader(window);
        MsgPackToken token;
        try
        {
            token = Decode(ref reader, code, offset);
        }
        catch (EndOfStreamException)
        {
            throw context.Error(offset, $"unexpected end of data inside the header of {DescribeCode(code)}");
        }
        catch (MessagePackSerializationException e)
        {
            throw context.Error(offset, $"invalid MessagePack code 0x{code:x2}", e);
        }
        catch (OverflowException)
        {
            throw context.Error(offset, $"the length in the header of {DescribeCode(code)} is too large");
        }

        input.Advance((int)reader.Consumed);
        if (input.Position > _scopeEnd)
            throw context.Error(offset, $"{token.Describe()} header crosses the end of the enclosing ext payload");
        return token;
    }

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

    /// <summary>Reads a string body of <paramref name="byteCount"/> UTF-8 bytes.</summary>
    public string ReadString(long byteCount, string what)
    {
        var offset = input.Position;
        var bytes = ReadBytes(byteCount, what);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw context.Error(offset, $"{what} is not valid UTF-8", e);
        }
    }

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

    private MsgPackToken Decode(ref MessagePackReader reader, byte code, long offset)
    {
        switch (MessagePackCode.ToMessagePackType(code))
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return new MsgPackToken(MsgPackTokenKind.Nil, offset);
            case MessagePackType.Boolean:
                return new MsgPackToken(MsgPackTokenKind.Bool, offset) { Bool = reader.ReadBoolean() };
            case MessagePackType.Integer:
                if (code == MessagePackCode.UInt64)
                {
                    var value = reader.ReadUInt64();
                    return value <= long.MaxValue
                        ? new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = (long)value }
                        : new MsgPackToken(MsgPackTokenKind.UInt, offset) { UInt = value };
                }

                return new MsgPackToken(MsgPackTokenKind.Int, offset) { Int = reader.ReadInt64() };
            case MessagePackType.Float:
                // float32 (0xca) is read too, widened exactly to double.
                return new MsgPackToken(MsgPackTokenKind.Float, offset) { Float = reader.ReadDouble() };
            case MessagePackType.String:
                return new MsgPackToken(MsgPackTokenKind.Str, offset) { Length = ReadBodyLength(ref reader, code) };
            case MessagePackType.Binary:
                return new MsgPackToken(MsgPackTokenKind.Bin, offset) { Length = ReadBodyLength(ref reader, code) };
            case MessagePackType.Array:
                if (!reader.TryReadArrayHeader(out var items)) throw new EndOfStreamException();
                // array32/map32 counts of 2^31 and more come back negative: no file this size can be real.
                if (items < 0) throw context.Error(offset, "array length too large");
                return new MsgPackToken(MsgPackTokenKind.Array, offset) { Length = items };
            case MessagePackType.Map:
                if (!reader.TryReadMapHeader(out var pairs)) throw new EndOfStreamException();
                if (pairs < 0) throw context.Error(offset, "map length too large");
                return new MsgPackToken(MsgPackTokenKind.Map, offset) { Length = pairs };
            case MessagePackType.Extension:
                if (!reader.TryReadExtensionFormatHeader(out var header)) throw new EndOfStreamException();
                return new MsgPackToken(MsgPackTokenKind.Ext, offset) { Length = header.Length, ExtType = header.TypeCode };
            default:
                throw context.Error(offset, $"invalid MessagePack code 0x{code:x2}");
        }
    }

    // MessagePack 2.5 reads str and bin only together with their bodies, so their lengths are decoded here
    // from the spec: fixstr 0xa0-0xbf, str8/16/32 0xd9-0xdb, bin8/16/32 0xc4-0xc6 (big-endian lengths).
    private static long ReadBodyLength(ref MessagePackReader reader, byte code)
    {
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            reader.ReadRaw(1);
            return code - MessagePackCode.MinFixStr;
        }

        var size = code switch
        {
            MessagePackCode.Str8 or MessagePackCode.Bin8 => 1,
            MessagePackCode.Str16 or MessagePackCode.Bin16 => 2,
            _ => 4,
        };
        var raw = reader.ReadRaw(1 + size); // throws EndOfStreamException when truncated
        Span<byte> bytes = stackalloc byte[1 + size];
        System.Buffers.BuffersExtensions.CopyTo(raw, bytes);
        return size switch
        {
            1 => bytes[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]),
        };
    }

    private static string DescribeCode(byte code) => MessagePackCode.ToMessagePackType(code) switch
    {
        MessagePackType.Integer => "an integer",
        MessagePackType.Float => "a float",
        MessagePackType.String => "a string",
        MessagePackType.Binary => "a bin",
        MessagePackType.Array => "an array",
        MessagePackType.Map => "a map",
        MessagePackType.Extension => "an ext",
        _ => $"code 0x{code:x2}",
    };
}
