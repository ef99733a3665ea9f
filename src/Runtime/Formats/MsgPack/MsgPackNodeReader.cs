using System.Numerics;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Builds a <see cref="StateNode"/> tree from MessagePack tokens: maps become <see cref="StateDict"/>s, the
/// braintools ext types become tensor, complex and numpy-scalar leaves, chunked arrays are joined. Array data
/// is read straight into the new tensor's memory, or, when indexing, skipped and recorded as a
/// <see cref="TensorRef"/>. Depth, keys, lengths and cancellation are checked node by node.
/// </summary>
internal sealed class MsgPackNodeReader(MsgPackTokenReader tokens, int maxDepth, bool indexOnly, CancellationToken cancellationToken)
{
    private readonly ReadContext _context = tokens.Context;

    /// <summary>Reads the one root object and checks that nothing follows it.</summary>
    public StateNode ReadRoot()
    {
        var node = ReadNode(0);
        tokens.RequireEnd();
        return node;
    }

    private StateNode ReadNode(int depth)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = tokens.Read();
        switch (token.Kind)
        {
            case MsgPackTokenKind.Nil: return NullNode.Instance;
            case MsgPackTokenKind.Bool: return new BoolNode(token.Bool);
            case MsgPackTokenKind.Int: return new IntegerNode(token.Int);
            case MsgPackTokenKind.UInt: return new IntegerNode(token.UInt);
            case MsgPackTokenKind.Float: return new FloatNode(token.Float);
            case MsgPackTokenKind.Str: return new StringNode(tokens.ReadString(token.Length, "a string"));
            case MsgPackTokenKind.Bin: return new BytesNode(tokens.ReadBytes(token.Length, "a bin"));
            case MsgPackTokenKind.Map: return ReadMap(token, depth + 1);
            case MsgPackTokenKind.Array: return ReadArrayAsMap(token, depth + 1);
            case MsgPackTokenKind.Ext: return ReadExt(token);
            default: throw _context.Error(token.Offset, $"unexpected {token.Describe()}");
        }
    }

    private void CheckContainer(MsgPackToken token, int depth)
    {
        if (depth > maxDepth)
            throw _context.Error(token.Offset, $"nesting deeper than {maxDepth} levels (MsgPackReadOptions.MaxDepth)");
        // Every entry needs at least one byte per key and value; a count beyond the bytes left is a lie.
        var minimumBytes = token.Kind == MsgPackTokenKind.Map ? 2 * token.Length : token.Length;
        if (token.Length < 0 || minimumBytes > tokens.Available)
            throw _context.Error(token.Offset, $"{token.Describe()} cannot fit in the {tokens.Available} byte(s) left");
    }

    private StateNode ReadMap(MsgPackToken token, int depth)
    {
        CheckContainer(token, depth);
        var map = new StateDict();
        for (long i = 0; i < token.Length; i++)
        {
            var (key, _) = ReadKey(map);
            if (i == 0 && key == ChunkedArrays.MarkerKey)
                return ReadChunked(token, depth);

            _context.Push(key);
            var value = ReadNode(depth);
            _context.Pop();
            map.Add(key, value);
        }

        // Python unchunks any map that carries the marker, wherever the key is.
        return map.ContainsKey(ChunkedArrays.MarkerKey) ? ChunkedArrays.Assemble(map, _context, token.Offset) : map;
    }

    private (string Key, long Offset) ReadKey(StateDict seen)
    {
        var keyToken = tokens.Read();
        if (keyToken.Kind != MsgPackTokenKind.Str)
            throw _context.Error(keyToken.Offset, $"map keys must be strings but found {keyToken.Describe()}");
        var key = tokens.ReadString(keyToken.Length, "a map key");
        if (seen.ContainsKey(key))
            throw _context.Error(keyToken.Offset, $"duplicate map key '{key}'");
        return (key, keyToken.Offset);
    }

    // braintools never writes msgpack arrays (lists become maps "0", "1", ...); other writers might, and a list
    // means the same thing here, so it reads as that map.
    private StateDict ReadArrayAsMap(MsgPackToken token, int depth)
    {
        CheckContainer(token, depth);
        var map = new StateDict();
        for (long i = 0; i < token.Length; i++)
        {
            var key = ChunkedArrays.IndexKey(i);
            _context.Push(key);
            map.Add(key, ReadNode(depth));
            _context.Pop();
        }

        return map;
    }

    private StateNode ReadExt(MsgPackToken token)
    {
        switch (token.ExtType)
        {
            case ExtCodes.NdArray:
            case ExtCodes.NumpyScalar:
            {
                var header = NdArrayPayload.ReadHeader(tokens, token);
                var isScalar = token.ExtType == ExtCodes.NumpyScalar && header.Shape.Length == 0;
                if (indexOnly && !isScalar)
                {
                    tokens.Skip(header.DataLength, "the array data");
                    NdArrayPayload.Finish(tokens, header);
                    var segments = new[] { new TensorDataSegment(header.DataOffset, header.DataLength) };
                    return new TensorRefNode(new TensorRef(_context.Path, header.DType, header.Shape, segments, isChunked: false));
                }

                var tensor = ReadArrayData(header);
                NdArrayPayload.Finish(tokens, header);
                // numpy's ar[()] on a non-0-d ext 3 payload gives the array itself, so that reads as an array.
                return isScalar ? new NumpyScalarNode(tensor) : new TensorNode(tensor);
            }

            case ExtCodes.Complex:
                return ReadComplex(token);
            default:
                throw _context.Error(token.Offset, $"unsupported {ExtCodes.Describe(token.ExtType)}: only ext 1 (ndarray), 2 (complex) and 3 (numpy scalar) are defined");
        }
    }

    // With a known source length the data size was checked against the file, so the tensor is allocated and
    // filled in place. A stream that cannot tell its length could declare 2 GiB and send 20 bytes: large data
    // from such a stream is first collected in steps as it arrives, then copied into the tensor.
    private const int UnverifiedStepBytes = 16 * 1024 * 1024;

    private INdArray ReadArrayData(NdArrayHeader header)
    {
        if (tokens.KnowsSourceLength || header.DataLength <= UnverifiedStepBytes)
        {
            var tensor = DTypes.CreateTensor(header.DType, header.Shape);
            tokens.ReadInto(tensor.AsBytes(), "the array data");
            return tensor;
        }

        var steps = new List<byte[]>();
        for (var left = header.DataLength; left > 0; left -= UnverifiedStepBytes)
        {
            var step = new byte[(int)Math.Min(left, UnverifiedStepBytes)];
            tokens.ReadInto(step, "the array data");
            steps.Add(step);
        }

        var result = DTypes.CreateTensor(header.DType, header.Shape);
        var destination = result.AsBytes();
        foreach (var step in steps)
        {
            step.CopyTo(destination);
            destination = destination[step.Length..];
        }

        return result;
    }

    private ComplexNode ReadComplex(MsgPackToken token)
    {
        var saved = tokens.EnterScope(token.Length, "the ext 2 (complex) payload");
        var array = tokens.Read();
        if (array.Kind != MsgPackTokenKind.Array || array.Length != 2)
            throw _context.Error(array.Offset, $"a complex payload must be [real, imag] but is {array.Describe()}");
        var real = ReadNumber("the real part");
        var imaginary = ReadNumber("the imaginary part");
        tokens.ExitScope(saved, "the ext 2 (complex) payload");
        return new ComplexNode(new Complex(real, imaginary));
    }

    private double ReadNumber(string what)
    {
        var token = tokens.Read();
        return token.Kind switch
        {
            MsgPackTokenKind.Float => token.Float,
            MsgPackTokenKind.Int => token.Int,
            MsgPackTokenKind.UInt => token.UInt,
            _ => throw _context.Error(token.Offset, $"{what} of a complex must be a number but is {token.Describe()}"),
        };
    }

    // The usual layout (marker first, then shape, then chunks) is joined while reading: once the shape is known
    // the whole array is allocated and each chunk's bytes are read straight into their place. Other key orders
    // fall back to reading the parts and joining them with a copy.
    private StateNode ReadChunked(MsgPackToken mapToken, int depth)
    {
        var parts = new StateDict();
        _context.Push(ChunkedArrays.MarkerKey);
        parts.Add(ChunkedArrays.MarkerKey, ReadNode(depth));
        _context.Pop();

        int[]? shape = null;
        StateNode? joined = null;
        for (long i = 1; i < mapToken.Length; i++)
        {
            var (key, keyOffset) = ReadKey(parts);
            // Joining in place allocates the whole array up front, which is only safe when the file size
            // vouches for it; chunks from a stream of unknown length are read one by one and joined after.
            if (key == ChunkedArrays.ChunksKey && shape is not null && tokens.KnowsSourceLength)
            {
                joined = ReadChunksInto(shape, depth);
                parts.Add(key, NullNode.Instance); // keeps the duplicate-key check honest
                continue;
            }

            _context.Push(key);
            var value = ReadNode(depth);
            _context.Pop();
            parts.Add(key, value);
            if (key == ChunkedArrays.ShapeKey)
                shape = ChunkedArrays.ParseShape(value, _context, keyOffset);
        }

        return joined ?? ChunkedArrays.Assemble(parts, _context, mapToken.Offset);
    }

    private StateNode ReadChunksInto(int[] shape, int depth)
    {
        var chunksToken = tokens.Read();
        if (chunksToken.Kind != MsgPackTokenKind.Map)
            throw _context.Error(chunksToken.Offset, $"the '{ChunkedArrays.ChunksKey}' of a chunked array must be a map but is {chunksToken.Describe()}");
        CheckContainer(chunksToken, depth + 1);
        if (chunksToken.Length == 0)
            throw _context.Error(chunksToken.Offset, "a chunked array has no chunks (its dtype is unknown)");

        var total = ChunkedArrays.ElementCount(shape);
        if (total < 0)
            throw _context.Error(chunksToken.Offset, $"a chunked array of shape {TensorShape.Format(shape)} is larger than one .NET tensor can hold");

        INdArray? tensor = null;
        var segments = new List<TensorDataSegment>();
        var dtype = DType.Bool;
        long filled = 0;
        for (long i = 0; i < chunksToken.Length; i++)
        {
            var keyToken = tokens.Read();
            var expectedKey = ChunkedArrays.IndexKey(i);
            if (keyToken.Kind != MsgPackTokenKind.Str)
                throw _context.Error(keyToken.Offset, $"map keys must be strings but found {keyToken.Describe()}");
            var key = tokens.ReadString(keyToken.Length, "a map key");
            if (key != expectedKey)
                throw _context.Error(keyToken.Offset, $"chunk keys must be \"0\", \"1\", ... in order; found \"{key}\" where \"{expectedKey}\" belongs");

            _context.Push(ChunkedArrays.ChunksKey);
            _context.Push(key);
            cancellationToken.ThrowIfCancellationRequested();
            var ext = tokens.Read();
            if (ext.Kind != MsgPackTokenKind.Ext || ext.ExtType != ExtCodes.NdArray)
                throw _context.Error(ext.Offset, $"a chunk must be an ext 1 ndarray but is {ext.Describe()}");
            var header = NdArrayPayload.ReadHeader(tokens, ext);
            if (header.Shape.Length == 0)
                throw _context.Error(ext.Offset, "a chunk must not be zero-dimensional");
            if (i == 0)
            {
                dtype = header.DType;
                var totalBytes = total * dtype.ItemSize();
                // All chunk data follows in this file: never allocate more than it can hold.
                if (totalBytes > tokens.SourceRemaining)
                    throw _context.Error(ext.Offset, $"a chunked array of shape {TensorShape.Format(shape)} needs {totalBytes} bytes but only {tokens.SourceRemaining} remain");
                if (totalBytes > int.MaxValue)
                    throw _context.Error(ext.Offset, $"a chunked array of {totalBytes} bytes is larger than one .NET tensor can hold");
                if (!indexOnly) tensor = DTypes.CreateTensor(dtype, shape);
            }
            else if (header.DType != dtype)
            {
                throw _context.Error(ext.Offset, $"chunk {i} is {header.DType.NumpyName()} but chunk 0 is {dtype.NumpyName()}");
            }

            if (filled + header.ElementCount > total)
                throw _context.Error(ext.Offset, $"the chunks hold more than the {total} elements of shape {TensorShape.Format(shape)}");

            if (tensor is not null)
            {
                var itemSize = dtype.ItemSize();
                tokens.ReadInto(tensor.AsBytes().Slice((int)(filled * itemSize), (int)header.DataLength), "the chunk data");
            }
            else
            {
                if (header.DataLength > 0) segments.Add(new TensorDataSegment(header.DataOffset, header.DataLength));
                tokens.Skip(header.DataLength, "the chunk data");
            }

            NdArrayPayload.Finish(tokens, header);
            filled += header.ElementCount;
            _context.Pop();
            _context.Pop();
        }

        if (filled != total)
            throw _context.Error(tokens.Position, $"the chunks hold {filled} elements but shape {TensorShape.Format(shape)} needs {total}");

        return tensor is not null
            ? new TensorNode(tensor)
            : new TensorRefNode(new TensorRef(_context.Path, dtype, shape, segments, isChunked: true));
    }
}
