using System.Buffers.Binary;

namespace Checkpoint.Formats.MsgPack;

/// <summary>The parsed header of an ext 1/3 payload; the reader stands at the first data byte.</summary>
internal readonly record struct NdArrayHeader(DType DType, int[] Shape, long ElementCount, long DataLength, long DataOffset, long SavedScope);

/// <summary>
/// The ndarray payload of ext 1 and ext 3: a MessagePack array <c>[shape, dtype name, data]</c> where shape
/// is an array of non-negative ints, the dtype a numpy <c>dtype.name</c> and data the C-order little-endian
/// element bytes as bin. Writing produces exactly what numpy + msgpack-python produce; reading checks every
/// part before any memory is allocated for the data.
/// </summary>
internal static class NdArrayPayload
{
    // numpy allows 32 dimensions (64 since numpy 2); anything beyond is corruption.
    public const int MaxRank = 64;

    private const int MaxDTypeNameBytes = 64;

    /// <summary>The most bytes <see cref="WritePrefix"/> writes (64 dimensions of 9 bytes, a dtype name, headers).</summary>
    public const int MaxPrefixBytes = 640;

    /// <summary>
    /// Writes everything of the payload up to (and including) the bin header of the data into <paramref name="destination"/>
    /// (at least <see cref="MaxPrefixBytes"/> long), exactly as msgpack-python encodes <c>(shape, dtype.name, data)</c>.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="CheckpointException">The data is longer than one msgpack bin can hold (lower the chunk limit).</exception>
    public static int WritePrefix(Span<byte> destination, DType dtype, IReadOnlyList<int> shape, long dataLength)
    {
        if (dataLength > uint.MaxValue)
            throw new CheckpointException($"An array of {dataLength} bytes cannot be one msgpack bin (at most 2^32 - 1); lower SaveOptions.ChunkByteLimit.");
        if (shape.Count > MaxRank) throw new CheckpointException($"An array of {shape.Count} dimensions cannot be saved (at most {MaxRank}).");
        var at = 0;
        destination[at++] = 0x93;
        at += ArrayHeader(destination[at..], shape.Count);
        // Indexed, not foreach: enumerating an IReadOnlyList boxes an enumerator per array written.
        for (var i = 0; i < shape.Count; i++) at += UnsignedInt(destination[at..], (uint)shape[i]);
        var name = dtype.NumpyName();
        destination[at++] = (byte)(0xa0 | name.Length);
        at += System.Text.Encoding.ASCII.GetBytes(name, destination[at..]);
        at += BinHeader(destination[at..], (uint)dataLength);
        return at;
    }

    private static int ArrayHeader(Span<byte> destination, int count)
    {
        if (count <= 15)
        {
            destination[0] = (byte)(0x90 | count);
            return 1;
        }

        destination[0] = 0xdc;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)count);
        return 3;
    }

    private static int UnsignedInt(Span<byte> destination, uint value)
    {
        if (value <= 0x7f) { destination[0] = (byte)value; return 1; }
        if (value <= byte.MaxValue) { destination[0] = 0xcc; destination[1] = (byte)value; return 2; }
        if (value <= ushort.MaxValue) { destination[0] = 0xcd; BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value); return 3; }
        destination[0] = 0xce;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], value);
        return 5;
    }

    private static int BinHeader(Span<byte> destination, uint length)
    {
        if (length <= byte.MaxValue) { destination[0] = 0xc4; destination[1] = (byte)length; return 2; }
        if (length <= ushort.MaxValue) { destination[0] = 0xc5; BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)length); return 3; }
        destination[0] = 0xc6;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], length);
        return 5;
    }

    /// <summary>
    /// Enters the ext payload of <paramref name="ext"/> and reads up to the data; the caller reads or skips
    /// <see cref="NdArrayHeader.DataLength"/> bytes and then calls <see cref="Finish"/>.
    /// </summary>
    public static NdArrayHeader ReadHeader(MsgPackTokenReader tokens, MsgPackToken ext, ShapeCache shapes)
    {
        var context = tokens.Context;
        // Constant text (no string built per array); the messages below only run on errors.
        var what = ext.ExtType == ExtCodes.NdArray ? "ext 1 (ndarray) payload" : "ext 3 (numpy scalar) payload";
        var saved = tokens.EnterScope(ext.Length, what);
        if (TryReadCommonHeader(tokens, shapes, saved, out var common)) return common;

        var outer = tokens.Read();
        if (outer.Kind != MsgPackTokenKind.Array || outer.Length != 3)
            throw context.Error(outer.Offset, $"{what} must be an array [shape, dtype, data] but is {outer.Describe()}");

        var shapeToken = tokens.Read();
        if (shapeToken.Kind != MsgPackTokenKind.Array)
            throw context.Error(shapeToken.Offset, $"the shape in the {what} must be an array of ints but is {shapeToken.Describe()}");
        if (shapeToken.Length > MaxRank)
            throw context.Error(shapeToken.Offset, $"the shape in the {what} has {shapeToken.Length} dimensions (at most {MaxRank} are accepted)");
        Span<int> dims = stackalloc int[MaxRank];
        dims = dims[..(int)shapeToken.Length];
        long elements = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            var dim = tokens.Read();
            if (dim.Kind != MsgPackTokenKind.Int || dim.Int < 0 || dim.Int > int.MaxValue)
                throw context.Error(dim.Offset, $"dimension {i} of the shape must be an int from 0 to {int.MaxValue} but is {DescribeValue(dim)}");
            dims[i] = (int)dim.Int;
            // Saturate instead of overflowing; the data-length check below rejects anything this large.
            elements = elements > long.MaxValue / Math.Max(1, dims[i]) ? long.MaxValue : elements * dims[i];
        }

        var shape = shapes.Get(dims);

        var nameToken = tokens.Read();
        // msgpack-python writes the name as str; Python reads it back as raw bytes, so bin is accepted as well.
        if (nameToken.Kind is not (MsgPackTokenKind.Str or MsgPackTokenKind.Bin) || nameToken.Length > MaxDTypeNameBytes)
            throw context.Error(nameToken.Offset, $"the dtype in the {what} must be a short string but is {nameToken.Describe()}");
        var name = tokens.ReadString(nameToken.Length, "the dtype name", isKey: true);
        if (!DTypes.TryParse(name, out var dtype))
            throw context.Error(nameToken.Offset, $"unknown dtype '{name}' (known: bool, int8-int64, uint8-uint64, float16, bfloat16, float32, float64, complex64, complex128)");

        var dataToken = tokens.Read();
        if (dataToken.Kind is not (MsgPackTokenKind.Bin or MsgPackTokenKind.Str))
            throw context.Error(dataToken.Offset, $"the data in the {what} must be bin but is {dataToken.Describe()}");
        var itemSize = dtype.ItemSize();
        var expected = elements > long.MaxValue / itemSize ? long.MaxValue : elements * itemSize;
        if (expected != dataToken.Length)
            throw context.Error(dataToken.Offset,
                $"shape {TensorShape.Format(shape)} of {name} needs {FormatBytes(expected, elements, itemSize)} but the payload holds {dataToken.Length} data bytes");
        tokens.RequireAvailable(dataToken.Length, "the array data");

        return new NdArrayHeader(dtype, shape, elements, dataToken.Length, tokens.Position, saved);
    }

    // The UTF-8 names of the dtypes, in DType order, for matching a name in place.
    private static readonly byte[][] NameBytes = [.. DTypes.All.Select(row => System.Text.Encoding.ASCII.GetBytes(row.Name))];

    private static int _lastMatched;

    /// <summary>
    /// The header as every writer in practice encodes it (what <see cref="WritePrefix"/> writes: a fixarray of 3, a
    /// fixarray shape of small non-negative ints, a fixstr dtype name, a bin header), decoded straight from the read
    /// buffer without a token per part. Anything else, and any header that does not add up, returns false having
    /// consumed nothing: the general path below then reads it and words the error.
    /// </summary>
    private static bool TryReadCommonHeader(MsgPackTokenReader tokens, ShapeCache shapes, long saved, out NdArrayHeader header)
    {
        header = default;
        var bytes = tokens.Peek(MaxPrefixBytes);
        if (bytes.Length < 2 || bytes[0] != 0x93 || (bytes[1] & 0xf0) != 0x90) return false;
        var rank = bytes[1] & 0x0f;
        Span<int> dims = stackalloc int[15];
        dims = dims[..rank];
        var at = 2;
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            if (!TryReadDim(bytes, ref at, out dims[i])) return false;
            // A bin holds at most 2^32 - 1 bytes: a count beyond that is not this common case (and cannot overflow).
            elements *= dims[i];
            if (elements > uint.MaxValue) return false;
        }

        if (at >= bytes.Length || (bytes[at] & 0xe0) != 0xa0) return false;
        var nameLength = bytes[at] & 0x1f;
        at++;
        if (at + nameLength > bytes.Length || !TryMatchName(bytes.Slice(at, nameLength), out var dtype)) return false;
        at += nameLength;

        if (!TryReadBinLength(bytes, ref at, out var dataLength) || dataLength != elements * dtype.ItemSize()) return false;
        // The data must fit what is left of the payload and of the file; the general path words that error too.
        if (dataLength > tokens.Available - at) return false;

        tokens.Consume(at);
        header = new NdArrayHeader(dtype, shapes.Get(dims), elements, dataLength, tokens.Position, saved);
        return true;
    }

    private static bool TryReadDim(ReadOnlySpan<byte> bytes, ref int at, out int dim)
    {
        dim = 0;
        if (at >= bytes.Length) return false;
        var code = bytes[at];
        var size = code switch { <= 0x7f => 0, 0xcc => 1, 0xcd => 2, 0xce => 4, _ => -1 };
        if (size < 0 || at + 1 + size > bytes.Length) return false;
        var body = bytes.Slice(at + 1, size);
        var value = size switch
        {
            0 => code,
            1 => body[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(body),
            _ => BinaryPrimitives.ReadUInt32BigEndian(body),
        };
        if (value > int.MaxValue) return false;
        dim = (int)value;
        at += 1 + size;
        return true;
    }

    private static bool TryMatchName(ReadOnlySpan<byte> name, out DType dtype)
    {
        // A file's arrays mostly share a dtype: the last one matched is tried first (a race only costs the scan).
        var last = _lastMatched;
        if (name.SequenceEqual(NameBytes[last]))
        {
            dtype = (DType)last;
            return true;
        }

        for (var i = 0; i < NameBytes.Length; i++)
        {
            if (!name.SequenceEqual(NameBytes[i])) continue;
            _lastMatched = i;
            dtype = (DType)i;
            return true;
        }

        dtype = default;
        return false;
    }

    private static bool TryReadBinLength(ReadOnlySpan<byte> bytes, ref int at, out long length)
    {
        length = 0;
        if (at >= bytes.Length) return false;
        var size = bytes[at] switch { 0xc4 => 1, 0xc5 => 2, 0xc6 => 4, _ => -1 };
        if (size < 0 || at + 1 + size > bytes.Length) return false;
        var body = bytes.Slice(at + 1, size);
        length = size switch
        {
            1 => body[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(body),
            _ => BinaryPrimitives.ReadUInt32BigEndian(body),
        };
        at += 1 + size;
        return true;
    }

    /// <summary>Leaves the payload; it must end right after the data.</summary>
    public static void Finish(MsgPackTokenReader tokens, NdArrayHeader header) =>
        tokens.ExitScope(header.SavedScope, "the ndarray payload");

    private static string FormatBytes(long expected, long elements, int itemSize) =>
        expected == long.MaxValue ? $"{elements} x {itemSize} bytes" : $"{expected} data bytes";

    private static string DescribeValue(MsgPackToken token) => token.Kind switch
    {
        MsgPackTokenKind.Int => token.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MsgPackTokenKind.UInt => token.UInt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => token.Describe(),
    };
}
