using System.Buffers;
using MessagePack;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Writes a <see cref="StateNode"/> tree exactly as msgpack-python (<c>use_bin_type=True</c>, strict types)
/// writes the equivalent Python tree for braintools/flax: maps in key order, smallest integer encodings,
/// float64 for floats, ext 1/2/3 for arrays, complex numbers and numpy scalars, and the chunked layout for
/// arrays over the chunk limit.
/// </summary>
internal sealed class MsgPackNodeWriter(MsgPackOutput output, long chunkByteLimit, CancellationToken cancellationToken)
{
    // Guards against cyclic trees (a map that contains itself) turning into a stack overflow.
    private const int MaxDepth = 1000;

    public void WriteRoot(StateNode root)
    {
        WriteNode(root, 0);
        output.Flush();
    }

    private void WriteNode(StateNode node, int depth)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (node)
        {
            case StateDict map:
                if (depth >= MaxDepth)
                    throw new InvalidOperationException($"The state tree nests deeper than {MaxDepth} levels; does a map contain itself?");
                WriteMapHeader(map.Count);
                foreach (var (key, value) in map)
                {
                    WriteString(key);
                    WriteNode(value, depth + 1);
                }

                break;
            case TensorNode tensorNode:
                var tensor = tensorNode.Tensor;
                // Tensors expose their bytes as one span, which .NET limits to 2^31 - 1 bytes.
                if (tensor.ByteLength > int.MaxValue)
                    throw new CheckpointException(
                        $"Cannot save the {tensor.DType.NumpyName()}{TensorShape.Format(tensor.Shape)} array: {tensor.ByteLength} bytes, " +
                        "more than the 2^31 - 1 bytes one tensor can hold here.");
                if (ChunkedArrays.ShouldChunk(tensor.ByteLength, chunkByteLimit))
                    WriteChunked(tensor);
                else
                    WriteNdArray(ExtCodes.NdArray, tensor.DType, tensor.Shape, tensor.AsBytes());
                break;
            case NumpyScalarNode scalar:
                WriteNdArray(ExtCodes.NumpyScalar, scalar.Value.DType, scalar.Value.Shape, scalar.Value.AsBytes());
                break;
            case ComplexNode complex:
                WriteComplex(complex.Value);
                break;
            case IntegerNode integer:
                Encode((ref MessagePackWriter w) =>
                {
                    if (integer.Value < 0) w.Write((long)integer.Value);
                    else w.Write((ulong)integer.Value);
                });
                break;
            case FloatNode number:
                Encode((ref MessagePackWriter w) => w.Write(number.Value));
                break;
            case BoolNode boolean:
                Encode((ref MessagePackWriter w) => w.Write(boolean.Value));
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
                Encode((ref MessagePackWriter w) => w.WriteNil());
                break;
            default:
                throw new NotSupportedException($"Cannot write a {node.GetType().Name} node ({node.Kind}) to MessagePack.");
        }
    }

    private delegate void HeaderWriter(ref MessagePackWriter writer);

    private void Encode(HeaderWriter write)
    {
        var writer = new MessagePackWriter(output.Headers);
        write(ref writer);
        writer.Flush();
        output.Commit();
    }

    private void WriteMapHeader(int count) => Encode((ref MessagePackWriter w) => w.WriteMapHeader(count));

    private void WriteString(string value) => Encode((ref MessagePackWriter w) => w.Write(value));

    // ext header, then the payload prefix [shape, dtype, bin header], then the data straight from the tensor.
    private void WriteNdArray(sbyte extType, DType dtype, IReadOnlyList<int> shape, ReadOnlySpan<byte> data)
    {
        var prefix = new System.Buffers.ArrayBufferWriter<byte>(64);
        NdArrayPayload.WritePrefix(prefix, dtype, shape, data.Length);
        var payloadLength = checked((uint)(prefix.WrittenCount + data.Length));
        MsgPackHeaders.WriteExtHeader(output.Headers, extType, payloadLength);
        output.Headers.Write(prefix.WrittenSpan);
        output.Commit();
        output.WriteRaw(data);
    }

    private void WriteComplex(System.Numerics.Complex value)
    {
        var payload = new System.Buffers.ArrayBufferWriter<byte>(32);
        var inner = new MessagePackWriter(payload);
        inner.WriteArrayHeader(2);
        inner.Write(value.Real);
        inner.Write(value.Imaginary);
        inner.Flush();
        MsgPackHeaders.WriteExtHeader(output.Headers, ExtCodes.Complex, (uint)payload.WrittenCount);
        output.Headers.Write(payload.WrittenSpan);
        output.Commit();
    }

    private void WriteChunked(INdArray tensor)
    {
        var itemSize = tensor.DType.ItemSize();
        var perChunk = ChunkedArrays.ChunkElements(tensor.DType, chunkByteLimit);
        var chunkCount = (tensor.Length + perChunk - 1) / perChunk;

        WriteMapHeader(3);
        WriteString(ChunkedArrays.MarkerKey);
        Encode((ref MessagePackWriter w) => w.Write(true));
        WriteString(ChunkedArrays.ShapeKey);
        WriteMapHeader(tensor.Shape.Count);
        for (var i = 0; i < tensor.Shape.Count; i++)
        {
            var dim = tensor.Shape[i];
            WriteString(ChunkedArrays.IndexKey(i));
            Encode((ref MessagePackWriter w) => w.Write((long)dim));
        }

        WriteString(ChunkedArrays.ChunksKey);
        WriteMapHeader(checked((int)chunkCount));
        var bytes = tensor.AsBytes();
        for (long c = 0; c < chunkCount; c++)
        {
            var first = c * perChunk;
            var count = Math.Min(perChunk, tensor.Length - first);
            WriteString(ChunkedArrays.IndexKey(c));
            var chunk = bytes.Slice((int)(first * itemSize), (int)(count * itemSize));
            WriteNdArray(ExtCodes.NdArray, tensor.DType, [(int)count], chunk);
        }
    }
}
