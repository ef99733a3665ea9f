using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Checkpoint.Formats.Npy;

/// <summary>Reads up to <c>destination.Length</c> bytes at <paramref name="position"/>; returns how many (fewer only at the end).</summary>
internal delegate int PositionedReader(long position, Span<byte> destination);

/// <summary>
/// The header of one .npy array (numpy's format versions 1.0, 2.0 and 3.0): dtype, byte order, memory order and
/// shape, and where the data starts. <see cref="Write"/> produces exactly the bytes numpy writes.
/// </summary>
internal sealed record NpyHeader(DType DType, bool BigEndian, bool FortranOrder, int[] Shape, int DataOffset)
{
    /// <summary>numpy's own limit on the header text (<c>_MAX_HEADER_SIZE</c>); larger headers are refused before reading them.</summary>
    public const int MaxHeaderLength = 10000;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // numpy aligns the data to 64 bytes and leaves room in the header to grow the first dimension in place.
    private const int ArrayAlign = 64;
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>The number of data bytes the shape and dtype need.</summary>
    public long DataLength => TensorShape.ElementCountLong(Shape) * DType.ItemSize();

    /// <summary>Whether the data is stored exactly as this library holds arrays (C order, little-endian).</summary>
    /// <remarks>A Fortran-order array with at most one dimension above 1 (or no elements) has the same bytes in both orders.</remarks>
    public bool IsNativeLayout => !BigEndian && !NeedsTranspose;

    /// <summary>Whether the stored element order differs from C order.</summary>
    public bool NeedsTranspose => FortranOrder && Shape.Count(d => d != 1) > 1 && !Shape.Contains(0);

    /// <summary>Reads and checks the header at position 0 of <paramref name="read"/>.</summary>
    /// <param name="read">The bytes of the .npy data.</param>
    /// <param name="fileName">The file, for messages.</param>
    /// <param name="path">The path of the array inside the file (the npz member), for messages.</param>
    /// <exception cref="CheckpointFormatException">Not a .npy header, or one this library cannot read.</exception>
    public static NpyHeader Read(PositionedReader read, string? fileName, string path)
    {
        // Read front to back only (never re-reading a byte): compressed npz members are read as a stream.
        Span<byte> prefix = stackalloc byte[12];
        var got = read(0, prefix[..10]);
        if (got < 10 || !prefix[..6].SequenceEqual(Magic))
            throw Error("not a .npy array: it does not start with the magic string \\x93NUMPY", fileName, path, 0);
        int major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Error($"unknown .npy format version {major}.{minor} (known: 1.0, 2.0, 3.0)", fileName, path, 6);
        var prefixLength = major == 1 ? 10 : 12;
        if (major > 1 && read(10, prefix[10..12]) < 2) throw Error("the file ends inside the header length", fileName, path, 10);
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        if (headerLength > MaxHeaderLength)
            throw Error($"the header declares {headerLength} bytes, more than numpy's limit of {MaxHeaderLength}", fileName, path, 8);

        var bytes = new byte[headerLength];
        var headerRead = read(prefixLength, bytes);
        if (headerRead < headerLength)
            throw Error($"the file ends {headerLength - headerRead} byte(s) before the end of the header", fileName, path, prefixLength + headerRead);

        string text;
        try
        {
            // Versions 1.0 and 2.0 are latin1 (every byte is a character); 3.0 is UTF-8.
            text = major == 3 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes) : Encoding.Latin1.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error("the version 3.0 header is not valid UTF-8", fileName, path, prefixLength);
        }

        return Interpret(text, fileName, path, prefixLength + (int)headerLength);
    }

    /// <summary>The header bytes numpy writes for a C-order, little-endian array (format 1.0, or 2.0 if 1.0 cannot hold it).</summary>
    /// <exception cref="ArgumentException">bfloat16, which numpy has no descriptor for.</exception>
    public static byte[] Write(DType dtype, IReadOnlyList<int> shape)
    {
        var descr = NpyDescr.Of(dtype) ?? throw new ArgumentException($"numpy has no dtype descriptor for {dtype.NumpyName()}.", nameof(dtype));
        var text = new StringBuilder();
        // Keys in sorted order and values as Python's repr, exactly as numpy's _write_array_header.
        text.Append("{'descr': '").Append(descr).Append("', 'fortran_order': False, 'shape': ").Append(TensorShape.Format(shape)).Append(", }");
        if (shape.Count > 0) text.Append(' ', GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length);

        var header = Encoding.Latin1.GetBytes(text.ToString());
        // numpy pads a full block when already aligned (64 - 0 = 64), so the padding is never empty. Format 1.0
        // stores the header length in 16 bits; a header longer than that (tens of thousands of dimensions) needs 2.0.
        var major = 1;
        var prefixLength = 10;
        var padding = ArrayAlign - (prefixLength + header.Length + 1) % ArrayAlign;
        if (header.Length + padding + 1 > ushort.MaxValue)
        {
            major = 2;
            prefixLength = 12;
            padding = ArrayAlign - (prefixLength + header.Length + 1) % ArrayAlign;
        }

        var unpadded = prefixLength + header.Length + 1;
        var result = new byte[unpadded + padding];
        Magic.CopyTo(result);
        result[6] = (byte)major;
        result[7] = 0;
        var headerField = header.Length + padding + 1;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)headerField);
        else BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)headerField);
        header.CopyTo(result, prefixLength);
        result.AsSpan(prefixLength + header.Length, padding).Fill((byte)' ');
        result[^1] = (byte)'\n';
        return result;
    }

    private static NpyHeader Interpret(string text, string? fileName, string path, int dataOffset)
    {
        Dictionary<string, object?> values;
        try
        {
            values = NpyLiteral.ParseDictionary(text);
        }
        catch (FormatException e)
        {
            throw Error($"the header is not a Python dictionary literal: {e.Message}", fileName, path, 0, e);
        }

        if (values.Count != 3 || !values.ContainsKey("descr") || !values.ContainsKey("fortran_order") || !values.ContainsKey("shape"))
            throw Error($"the header has keys {string.Join(", ", values.Keys.Order(StringComparer.Ordinal))}; expected exactly descr, fortran_order, shape", fileName, path, 0);

        if (values["descr"] is not string descr)
            throw Error("the dtype is a structured (record) dtype; only plain numeric arrays can be read", fileName, path, 0);
        if (NpyDescr.TryParse(descr, out var dtype, out var bigEndian) is { } problem)
            throw Error(problem, fileName, path, 0);
        if (values["fortran_order"] is not bool fortranOrder)
            throw Error("fortran_order is not True or False", fileName, path, 0);
        if (values["shape"] is not NpyLiteral.Sequence { IsTuple: true } shapeTuple)
            throw Error("the shape is not a tuple", fileName, path, 0);

        var shape = new int[shapeTuple.Items.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (shapeTuple.Items[i] is not BigInteger dim || dim < 0)
                throw Error($"dimension {i} of the shape is not a non-negative integer", fileName, path, 0);
            if (dim > int.MaxValue)
                throw Error($"dimension {i} of the shape is {dim}, more than this library's limit of {int.MaxValue}", fileName, path, 0);
            shape[i] = (int)dim;
        }

        // The data length must fit a long (files cannot be larger); checked here so DataLength never overflows.
        long count;
        try
        {
            count = TensorShape.ElementCountLong(shape);
        }
        catch (ArgumentException)
        {
            count = long.MaxValue;
        }

        if (count > long.MaxValue / 16)
            throw Error($"the shape {TensorShape.Format(shape)} needs more bytes than any file can hold", fileName, path, 0);
        var header = new NpyHeader(dtype, bigEndian, fortranOrder, shape, dataOffset);
        return header;
    }

    private static CheckpointFormatException Error(string detail, string? fileName, string path, long offset, Exception? inner = null) =>
        new(detail, fileName, path, offset, inner);
}
