using System.Buffers.Binary;
using System.Text;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Writes a <see cref="StateNode"/> tree exactly as msgpack-python (<c>use_bin_type=True</c>, strict types)
/// writes the equivalent Python tree for braintools/flax: maps in key order, smallest integer encodings,
/// float64 for floats, ext 1/2/3 for arrays, complex numbers and numpy scalars, and the chunked layout for
/// arrays over the chunk limit. Headers are encoded straight into the output buffer.
/// </summary>
internal sealed class MsgPackNodeWriter(MsgPackOutput output, long chunkByteLimit, int maxDepth, CancellationToken cancellationToken)
{
    // Per depth, the view compact child maps are written through (StateDict.PeekMapAt): no map object per child.
    private readonly List<StateDict> _views = [];

    public void WriteRoot(StateNode root)
    {
        WriteNode(root, 0);
        output.Flush();
    }

    private void WriteNode(StateNode node, int depth)
    {
        switch (node)
        {
            case StateDict map:
                cancellationToken.ThrowIfCancellationRequested();
                if (depth >= maxDepth)
                    throw new CheckpointException($"The state tree nests deeper than {maxDepth} levels; does a map contain itself?");
                WriteMapHeader(map.Count);
                for (var i = 0; i < map.Count; i++)
                {
                    WriteString(map.KeyAt(i));
                    WriteNode(map.PeekMapAt(i, ViewAt(depth + 1)) ?? map.PeekAt(i), depth + 1);
                }

                break;
            case TensorNode tensor:
                if (ChunkedArrays.ShouldChunk(tensor.ByteLength, chunkByteLimit)) WriteChunked(tensor);
                else WriteNdArray(ExtCodes.NdArray, tensor, tensor.Shape, 0, tensor.ByteLength);
                break;
            case NumpyScalarNode scalar:
                WriteNdArray(ExtCodes.NumpyScalar, new TensorNode(scalar.Value), scalar.Value.Shape, 0, scalar.Value.ByteLength);
                break;
            case ComplexNode complex:
                WriteComplex(complex.Value);
                break;
            case IntegerNode integer:
                WriteInteger(integer.Value);
                break;
            case FloatNode number:
                WriteFloat64(number.Value);
                break;
            case BoolNode boolean:
                WriteByte(boolean.Value ? (byte)0xc3 : (byte)0xc2);
                break;
            case StringNode text:
                WriteString(text.Value);
                break;
            case BytesNode bytes:
                MsgPackHeaders.WriteBinHeader(output.Headers, bytes.Value.Length);
                output.Commit();
                output.WriteRaw(bytes.Value);
                break;
            case NullNode:
                WriteByte(0xc0);
                break;
            default:
                throw new NotSupportedException($"Cannot write a {node.GetType().Name} node ({node.Kind}) to MessagePack.");
        }
    }

    private StateDict ViewAt(int depth)
    {
        while (_views.Count <= depth) _views.Add(new StateDict());
        return _views[depth];
    }

    private void WriteByte(byte value)
    {
        var span = output.Headers.GetSpan(1);
        span[0] = value;
        output.Headers.Advance(1);
        output.Commit();
    }

    private void WriteMapHeader(int count)
    {
        var span = output.Headers.GetSpan(5);
        if (count <= 15)
        {
            span[0] = (byte)(0x80 | count);
            output.Headers.Advance(1);
        }
        else if (count <= ushort.MaxValue)
        {
            span[0] = 0xde;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            output.Headers.Advance(3);
        }
        else
        {
            span[0] = 0xdf;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            output.Headers.Advance(5);
        }

        output.Commit();
    }

    private void WriteArrayHeader(int count)
    {
        var span = output.Headers.GetSpan(5);
        if (count <= 15)
        {
            span[0] = (byte)(0x90 | count);
            output.Headers.Advance(1);
        }
        else if (count <= ushort.MaxValue)
        {
            span[0] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            output.Headers.Advance(3);
        }
        else
        {
            span[0] = 0xdd;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            output.Headers.Advance(5);
        }
    }

    private void WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var span = output.Headers.GetSpan(5 + byteCount);
        int header;
        if (byteCount <= 31)
        {
            span[0] = (byte)(0xa0 | byteCount);
            header = 1;
        }
        else if (byteCount <= byte.MaxValue)
        {
            span[0] = 0xd9;
            span[1] = (byte)byteCount;
            header = 2;
        }
        else if (byteCount <= ushort.MaxValue)
        {
            span[0] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
            header = 3;
        }
        else
        {
            span[0] = 0xdb;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
            header = 5;
        }

        Encoding.UTF8.GetBytes(value, span[header..]);
        output.Headers.Advance(header + byteCount);
        output.Commit();
    }

    // The smallest encoding msgpack-python picks: positive fixint, uint 8/16/32/64 for non-negative values;
    // negative fixint, int 8/16/32/64 for negative ones.
    private void WriteInteger(Int128 value)
    {
        var span = output.Headers.GetSpan(9);
        int size;
        if (value >= 0)
        {
            var v = (ulong)value;
            if (v <= 0x7f) { span[0] = (byte)v; size = 1; }
            else if (v <= byte.MaxValue) { span[0] = 0xcc; span[1] = (byte)v; size = 2; }
            else if (v <= ushort.MaxValue) { span[0] = 0xcd; BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)v); size = 3; }
            else if (v <= uint.MaxValue) { span[0] = 0xce; BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)v); size = 5; }
            else { span[0] = 0xcf; BinaryPrimitives.WriteUInt64BigEndian(span[1..], v); size = 9; }
        }
        else
        {
            var v = (long)value;
            if (v >= -32) { span[0] = unchecked((byte)(sbyte)v); size = 1; }
            else if (v >= sbyte.MinValue) { span[0] = 0xd0; span[1] = unchecked((byte)(sbyte)v); size = 2; }
            else if (v >= short.MinValue) { span[0] = 0xd1; BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)v); size = 3; }
            else if (v >= int.MinValue) { span[0] = 0xd2; BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)v); size = 5; }
            else { span[0] = 0xd3; BinaryPrimitives.WriteInt64BigEndian(span[1..], v); size = 9; }
        }

        output.Headers.Advance(size);
        output.Commit();
    }

    private void WriteFloat64(double value)
    {
        var span = output.Headers.GetSpan(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Headers.Advance(9);
        output.Commit();
    }

    // ext header, then the payload prefix [shape, dtype, bin header], then the data: bytes [start, start + length)
    // of the array, straight from its memory or, for a lazy leaf, from its file in bounded pieces.
    private void WriteNdArray(sbyte extType, TensorNode tensor, IReadOnlyList<int> shape, long start, long length)
    {
        Span<byte> prefix = stackalloc byte[NdArrayPayload.MaxPrefixBytes];
        var prefixLength = NdArrayPayload.WritePrefix(prefix, tensor.DType, shape, length);
        var payloadLength = checked((uint)(prefixLength + length));
        MsgPackHeaders.WriteExtHeader(output.Headers, extType, payloadLength);
        System.Buffers.BuffersExtensions.Write(output.Headers, prefix[..prefixLength]);
        output.Commit();
        output.WriteRaw(tensor, start, length);
    }

    private void WriteComplex(System.Numerics.Complex value)
    {
        // fixext 16 cannot hold [real, imag] as two float64 (19 bytes): msgpack-python uses ext 8 with length 19.
        MsgPackHeaders.WriteExtHeader(output.Headers, ExtCodes.Complex, 19);
        var span = output.Headers.GetSpan(19);
        span[0] = 0x92;
        span[1] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[2..], value.Real);
        span[10] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[11..], value.Imaginary);
        output.Headers.Advance(19);
        output.Commit();
    }

    private void WriteChunked(TensorNode tensor)
    {
        var itemSize = tensor.DType.ItemSize();
        var elements = tensor.ByteLength / itemSize;
        var perChunk = ChunkedArrays.ChunkElements(tensor.DType, chunkByteLimit);
        var chunkCount = (elements + perChunk - 1) / perChunk;

        WriteMapHeader(3);
        WriteString(ChunkedArrays.MarkerKey);
        WriteByte(0xc3);
        WriteString(ChunkedArrays.ShapeKey);
        WriteMapHeader(tensor.Shape.Count);
        for (var i = 0; i < tensor.Shape.Count; i++)
        {
            WriteString(ChunkedArrays.IndexKey(i));
            WriteInteger(tensor.Shape[i]);
        }

        WriteString(ChunkedArrays.ChunksKey);
        WriteMapHeader(checked((int)chunkCount));
        for (long c = 0; c < chunkCount; c++)
        {
            var first = c * perChunk;
            var count = Math.Min(perChunk, elements - first);
            WriteString(ChunkedArrays.IndexKey(c));
            WriteNdArray(ExtCodes.NdArray, tensor, [checked((int)count)], first * itemSize, count * itemSize);
        }
    }
}
