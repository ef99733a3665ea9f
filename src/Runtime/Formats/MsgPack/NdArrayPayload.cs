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
        foreach (var dim in shape) at += UnsignedInt(destination[at..], (uint)dim);
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
        if (elements > Array.MaxLength)
            throw context.Error(dataToken.Offset, $"an array of {elements} {name} elements is larger than one .NET tensor can hold");
        tokens.RequireAvailable(dataToken.Length, "the array data");

        return new NdArrayHeader(dtype, shape, elements, dataToken.Length, tokens.Position, saved);
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
