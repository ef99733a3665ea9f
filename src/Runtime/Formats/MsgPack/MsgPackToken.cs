namespace Checkpoint.Formats.MsgPack;

/// <summary>The kinds of MessagePack values, as the token reader reports them.</summary>
internal enum MsgPackTokenKind : byte
{
    Nil,
    Bool,
    /// <summary>A signed integer (any int code, or a uint code that fits a long).</summary>
    Int,
    /// <summary>A uint64 above <see cref="long.MaxValue"/>.</summary>
    UInt,
    Float,
    Str,
    Bin,
    Array,
    Map,
    Ext,
}

/// <summary>
/// One MessagePack header with its small value. For str, bin and ext, <see cref="Length"/> is the number of
/// body bytes that follow (not yet read); for arrays and maps it is the element (pair) count.
/// </summary>
/// <remarks>
/// A token is returned by value for every header of a file, so it is kept to 24 bytes: the length, integer, unsigned
/// integer and float of a header share one 64-bit field (a header has only one of them).
/// </remarks>
internal readonly struct MsgPackToken(MsgPackTokenKind kind, long offset)
{
    private readonly long _bits;

    public MsgPackTokenKind Kind { get; } = kind;

    public long Offset { get; } = offset;

    public long Length { get => _bits; init => _bits = value; }

    public long Int { get => _bits; init => _bits = value; }

    public ulong UInt { get => (ulong)_bits; init => _bits = (long)value; }

    public double Float { get => BitConverter.Int64BitsToDouble(_bits); init => _bits = BitConverter.DoubleToInt64Bits(value); }

    public bool Bool { get => _bits != 0; init => _bits = value ? 1 : 0; }

    public sbyte ExtType { get; init; }

    /// <summary>What the token is, for error messages.</summary>
    public string Describe() => Kind switch
    {
        MsgPackTokenKind.Nil => "nil",
        MsgPackTokenKind.Bool => "a bool",
        MsgPackTokenKind.Int or MsgPackTokenKind.UInt => "an integer",
        MsgPackTokenKind.Float => "a float",
        MsgPackTokenKind.Str => "a string",
        MsgPackTokenKind.Bin => "a bin (bytes)",
        MsgPackTokenKind.Array => $"an array of {Length}",
        MsgPackTokenKind.Map => $"a map of {Length}",
        MsgPackTokenKind.Ext => ExtCodes.Describe(ExtType),
        _ => Kind.ToString(),
    };
}
