using System.Globalization;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The chunked layout braintools/flax use for arrays over the chunk limit (msgpack objects are limited to
/// 2^31-1 bytes): <c>{"__msgpack_chunked_array__": true, "shape": {"0": d0, ...}, "chunks": {"0": ext1, ...}}</c>,
/// where the chunks are consecutive runs of the flattened (C-order) array, each of
/// <c>max(1, limit / itemsize)</c> elements except the last. A map carrying the marker key is an array.
/// </summary>
internal static class ChunkedArrays
{
    public const string MarkerKey = "__msgpack_chunked_array__";
    public const string ShapeKey = "shape";
    public const string ChunksKey = "chunks";

    /// <summary>Python chunks when <c>size * itemsize &gt; MAX_CHUNK_SIZE</c> (strictly greater).</summary>
    public static bool ShouldChunk(long byteLength, long limit) => byteLength > limit;

    /// <summary>Elements per chunk: <c>max(1, int(limit / itemsize))</c>.</summary>
    public static long ChunkElements(DType dtype, long limit) => Math.Max(1, limit / dtype.ItemSize());

    public static string IndexKey(long index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shape map <c>{"0": d0, "1": d1, ...}</c> as dimensions.</summary>
    public static int[] ParseShape(StateNode node, ReadContext context, long offset)
    {
        if (node is not StateDict map)
            throw context.Error(offset, $"the '{ShapeKey}' of a chunked array must be a map {{\"0\": d0, ...}} but is {node.Kind}");
        if (map.Count > NdArrayPayload.MaxRank)
            throw context.Error(offset, $"the '{ShapeKey}' of a chunked array has {map.Count} dimensions (at most {NdArrayPayload.MaxRank})");
        var shape = new int[map.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            if (!map.TryGetValue(IndexKey(i), out var dim))
                throw context.Error(offset, $"the '{ShapeKey}' of a chunked array has no key \"{i}\"");
            if (dim is not IntegerNode integer || integer.Value < 0 || integer.Value > int.MaxValue)
                throw context.Error(offset, $"dimension {i} of a chunked array must be an int from 0 to {int.MaxValue} but is {dim}");
            shape[i] = (int)integer.Value;
        }

        return shape;
    }

    /// <summary>The element count of a shape, or -1 when it overflows 64 bits (no file holds that many).</summary>
    public static long ElementCount(int[] shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim != 0 && count > long.MaxValue / dim) return -1;
            count *= dim;
        }

        return count;
    }

    /// <summary>
    /// Joins a chunked-array map, checking it the same way whatever the chunks are: lazy chunks (of a file or a
    /// seekable stream) become one lazy array over their segments, without copying; chunks read into memory (from
    /// a stream that cannot seek) are copied into one tensor.
    /// </summary>
    public static StateNode Assemble(StateDict map, ReadContext context, long offset, TensorData? lazySource)
    {
        if (!map.TryGetValue(ShapeKey, out var shapeNode))
            throw context.Error(offset, $"a chunked array (marked '{MarkerKey}') has no '{ShapeKey}'");
        if (!map.TryGetValue(ChunksKey, out var chunksNode))
            throw context.Error(offset, $"a chunked array (marked '{MarkerKey}') has no '{ChunksKey}'");
        var shape = ParseShape(shapeNode, context, offset);
        if (chunksNode is not StateDict chunks)
            throw context.Error(offset, $"the '{ChunksKey}' of a chunked array must be a map but is {chunksNode.Kind}");
        if (chunks.Count == 0)
            throw context.Error(offset, "a chunked array has no chunks (its dtype is unknown)");

        var parts = new TensorNode[chunks.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!chunks.TryGetValue(IndexKey(i), out var chunk))
                throw context.Error(offset, $"the '{ChunksKey}' of a chunked array has no key \"{i}\"");
            if (chunk is not TensorNode part)
                throw context.Error(offset, $"chunk {i} of a chunked array must be an ndarray but is {chunk.Kind}");
            if (part.Shape.Count == 0)
                throw context.Error(offset, $"chunk {i} of a chunked array is zero-dimensional");
            if (part.DType != parts[0]?.DType && i > 0)
                throw context.Error(offset, $"chunk {i} of a chunked array is {part.DType.NumpyName()} but chunk 0 is {parts[0].DType.NumpyName()}");
            parts[i] = part;
        }

        var dtype = parts[0].DType;
        var total = ElementCount(shape);
        var chunkBytes = parts.Sum(p => p.ByteLength);
        if (total < 0 || total > long.MaxValue / dtype.ItemSize() || total * dtype.ItemSize() != chunkBytes)
            throw context.Error(offset,
                $"the chunks hold {chunkBytes / dtype.ItemSize()} elements but shape {TensorShape.Format(shape)} needs {(total < 0 ? "more than 2^63" : total.ToString(CultureInfo.InvariantCulture))}");

        if (lazySource is not null)
        {
            var segments = parts.Where(p => p.ByteLength > 0).Select(p => (p.DataOffset, p.ByteLength)).ToList();
            return new TensorNode(dtype, shape, new Formats.SegmentedBytes(lazySource, segments), 0);
        }

        var tensor = DTypes.CreateTensor(dtype, shape, zeroed: false);
        long filled = 0;
        foreach (var part in parts)
        {
            part.Tensor.ForEachPiece((offset, piece) => tensor.WriteBytes(filled + offset, piece));
            filled += part.ByteLength;
        }

        return new TensorNode(tensor);
    }
}
