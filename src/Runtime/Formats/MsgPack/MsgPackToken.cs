namespace Checkpoint.Formats.MsgPack;

/// <summary>The kinds of MessagePack values, as the token reader reports them.</summary>
internal enum MsgPackTokenKind
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
internal readonly record struct MsgPackToken(MsgPackTokenKind Kind, long Offset)
{
    public long Length { get; init; }

    public long Int { get; init; }

    public ulong UInt { get; init; }

    public double Float { get; init; }

    public bool Bool { get; init; }

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
