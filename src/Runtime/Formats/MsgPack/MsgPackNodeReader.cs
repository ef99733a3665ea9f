using System.Numerics;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Builds the one state tree from MessagePack tokens: maps become <see cref="StateDict"/>s, the braintools ext types
/// become array, complex and numpy-scalar leaves, chunked arrays are joined. With a <c>lazySource</c> (a file or a
/// seekable stream) array bytes are skipped and each array becomes a lazy <see cref="TensorNode"/> that reads them
/// from the source on request; without one (a stream that cannot seek) they are read into memory as they pass.
/// Either way every structure, length, dtype and chunk is checked the same, so both modes accept exactly the same
/// files. Depth, keys, lengths and cancellation are checked node by node.
/// </summary>
internal sealed class MsgPackNodeReader(MsgPackTokenReader tokens, int maxDepth, TensorData? lazySource, CancellationToken cancellationToken)
{
    // Maps up to this size check each key against the earlier ones as it arrives.
    private const int SmallMapKeys = 8;

    // A stream that cannot tell its length could declare 2 GiB and send 20 bytes: array data from such a stream is
    // collected in steps of this size as it arrives, then copied into the tensor.
    private const int UnverifiedStepBytes = 16 * 1024 * 1024;

    // A map's declared count makes room for its entries at once only as far as the bytes left could hold entries of
    // this many bytes: a header that lies cannot make the reader allocate more than a few times the file's size
    // (24 bytes of entry per 8 bytes of file).
    private const int MinReservedEntryBytes = 8;

    // Every map entry and array element becomes a 24-byte entry, and an array element past IndexKeys' cache a key
    // string of its own, however few bytes it took in the file: a msgpack array of one-byte elements, or a map of
    // two-byte entries repeating an empty key, would cost the reader 12 to 60 times its bytes. What entries cost is
    // counted, and the reader refuses a container whose entries take more than this many bytes of memory per byte
    // read so far (plus EntrySlack), so no file, however dense, can make a load allocate more than a fixed multiple
    // of its size. Real checkpoints are far below it (braintools writes maps of named entries, never arrays).
    private const int EntryBytesPerFileByte = 8;
    private const long EntrySlack = 8L << 20;
    private const int EntryBytes = 24;
    private const int UncachedIndexKeyBytes = 48;
    // A map's entries wait on the builder's stack until the map is complete; a large map grows that stack by
    // doubling, which leaves about a third more behind than the entries themselves.
    private const int MapEntryBytes = EntryBytes + 8;

    // Arrays of one dtype and shape share what describes them (a direct-mapped table: a hostile file cannot grow it).
    private const int LazyArraySlots = 16;

    private readonly ReadContext _context = tokens.Context;
    private readonly ShapeCache _shapes = new();
    // Maps and lazy array leaves are built compact (see StateDict.MapBuilder): nodes are made when someone asks.
    private readonly StateDict.MapBuilder _maps = new();
    private readonly StateDict.LazyArray?[] _lazyArrays = new StateDict.LazyArray?[LazyArraySlots];
    private long _entryBytes;

    /// <summary>Reads the one root object and checks that nothing follows it.</summary>
    public StateNode ReadRoot()
    {
        var node = ReadNode(0).Node;
        tokens.RequireEnd();
        return node;
    }

    private StateDict.NodeSlot ReadNode(int depth)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = tokens.Read();
        switch (token.Kind)
        {
            case MsgPackTokenKind.Nil: return StateDict.NodeSlot.Of(NullNode.Instance);
            case MsgPackTokenKind.Bool: return StateDict.NodeSlot.Of(BoolNode.Of(token.Bool));
            case MsgPackTokenKind.Int: return StateDict.NodeSlot.Of(IntegerNode.Of(token.Int));
            case MsgPackTokenKind.UInt: return StateDict.NodeSlot.Of(new IntegerNode(token.UInt));
            case MsgPackTokenKind.Float: return StateDict.NodeSlot.Of(new FloatNode(token.Float));
            case MsgPackTokenKind.Str: return StateDict.NodeSlot.Of(new StringNode(tokens.ReadString(token.Length, "a string")));
            case MsgPackTokenKind.Bin: return StateDict.NodeSlot.Of(new BytesNode(tokens.ReadBytes(token.Length, "a bin")));
            case MsgPackTokenKind.Map: return ReadMap(token, depth + 1);
            case MsgPackTokenKind.Array: return ReadArrayAsMap(token, depth + 1);
            case MsgPackTokenKind.Ext: return ReadExt(token);
            default: throw _context.Error(token.Offset, $"unexpected {token.Describe()}");
        }
    }

    private void CheckContainer(MsgPackToken token, int depth)
    {
        if (depth > maxDepth)
            throw _context.Error(token.Offset, $"nesting deeper than {maxDepth} levels (LoadOptions.MaxDepth)");
        // Every entry needs at least one byte per key and value; a count beyond the bytes left is a lie.
        var minimumBytes = token.Kind == MsgPackTokenKind.Map ? 2 * token.Length : token.Length;
        if (token.Length < 0 || minimumBytes > tokens.Available)
            throw _context.Error(token.Offset, $"{token.Describe()} cannot fit in the {tokens.Available} byte(s) left");
    }

    private StateDict.NodeSlot ReadMap(MsgPackToken token, int depth)
    {
        CheckContainer(token, depth);
        var count = (int)token.Length;
        var map = _maps.Begin(Reservable(count));
        var chunked = false;
        for (var i = 0; i < count; i++)
        {
            var keyToken = tokens.Read();
            if (keyToken.Kind != MsgPackTokenKind.Str)
                throw _context.Error(keyToken.Offset, $"map keys must be strings but found {keyToken.Describe()}");
            ChargeEntry(token, i, MapEntryBytes);
            var key = tokens.ReadString(keyToken.Length, "a map key", isKey: true);
            // Small maps are checked as keys arrive (so the error points at the repeated key); larger ones at the end.
            if (i is > 0 and <= SmallMapKeys && _maps.IndexOf(map, key) >= 0)
                throw _context.Error(keyToken.Offset, $"duplicate map key '{key}'");
            chunked |= key.Length == ChunkedArrays.MarkerKey.Length && key == ChunkedArrays.MarkerKey;
            _context.Push(key);
            var value = ReadNode(depth);
            _context.Pop();
            _maps.Add(key, value);
        }

        // Checked once the map is complete (hashing each key as it arrived would cost an index per map).
        if (count > SmallMapKeys && _maps.FindDuplicateKey(map) is { } duplicate)
            throw _context.Error(token.Offset, $"duplicate map key '{duplicate}'");

        // Python unchunks any map that carries the marker, wherever the key is.
        return chunked
            ? StateDict.NodeSlot.Of(ChunkedArrays.Assemble(_maps.EndAsMap(map), _context, token.Offset, lazySource))
            : _maps.End(map);
    }

    // braintools never writes msgpack arrays (lists become maps "0", "1", ...); other writers might, and a list
    // means the same thing here, so it reads as that map.
    private StateDict.NodeSlot ReadArrayAsMap(MsgPackToken token, int depth)
    {
        CheckContainer(token, depth);
        var count = (int)token.Length;
        var map = _maps.Begin(Reservable(count));
        for (var i = 0; i < count; i++)
        {
            ChargeEntry(token, i, i < Generated.IndexKeys.CacheLimit ? EntryBytes : EntryBytes + UncachedIndexKeyBytes);
            var key = Generated.IndexKeys.Of(i);
            _context.Push(key);
            _maps.Add(key, ReadNode(depth));
            _context.Pop();
        }

        return _maps.End(map);
    }

    private void ChargeEntry(MsgPackToken container, int index, int bytes)
    {
        _entryBytes += bytes;
        if (_entryBytes > EntryBytesPerFileByte * tokens.Position + EntrySlack)
        {
            throw _context.Error(container.Offset,
                $"{container.Describe()} is too dense to read: its entries would take more than {EntryBytesPerFileByte} bytes of memory " +
                $"per byte of file (reached at entry {index}); store a long list of numbers as an array (an ndarray ext) instead");
        }
    }

    // Nothing is reserved from a stream that cannot tell its length: its counts were not checked against anything.
    private int Reservable(int count) =>
        tokens.KnowsSourceLength ? (int)Math.Min(count, tokens.Available / MinReservedEntryBytes) : 0;

    // The shared description of arrays of `dtype` and `shape` (shape arrays are shared already: see ShapeCache).
    private StateDict.LazyArray LazyArrayOf(DType dtype, int[] shape, TensorData source)
    {
        var slot = (int)((uint)(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape) ^ (int)dtype) % LazyArraySlots);
        if (_lazyArrays[slot] is { } seen && seen.DType == dtype && ReferenceEquals(seen.Shape, shape)) return seen;
        return _lazyArrays[slot] = new StateDict.LazyArray(dtype, shape, source);
    }

    private StateDict.NodeSlot ReadExt(MsgPackToken token)
    {
        switch (token.ExtType)
        {
            case ExtCodes.NdArray:
            case ExtCodes.NumpyScalar:
            {
                var header = NdArrayPayload.ReadHeader(tokens, token, _shapes);
                // numpy's ar[()] on a non-0-d ext 3 payload gives the array itself, so that reads as an array.
                var isScalar = token.ExtType == ExtCodes.NumpyScalar && header.Shape.Length == 0;
                StateDict.NodeSlot node;
                if (lazySource is not null && !isScalar)
                {
                    tokens.Skip(header.DataLength, "the array data");
                    node = StateDict.NodeSlot.Lazy(LazyArrayOf(header.DType, header.Shape, lazySource), header.DataOffset);
                }
                else
                {
                    var tensor = ReadArrayData(header);
                    node = StateDict.NodeSlot.Of(isScalar ? new NumpyScalarNode(tensor) : new TensorNode(tensor));
                }

                NdArrayPayload.Finish(tokens, header);
                return node;
            }

            case ExtCodes.Complex:
                return StateDict.NodeSlot.Of(ReadComplex(token));
            default:
                throw _context.Error(token.Offset, $"unsupported {ExtCodes.Describe(token.ExtType)}: only ext 1 (ndarray), 2 (complex) and 3 (numpy scalar) are defined");
        }
    }

    // With a known source length the data size was checked against the file, so the tensor is allocated and
    // filled in place; from a stream of unknown length, large data is first collected in steps as it arrives.
    private INdArray ReadArrayData(NdArrayHeader header)
    {
        if (tokens.KnowsSourceLength || header.DataLength <= UnverifiedStepBytes)
        {
            var tensor = DTypes.CreateTensor(header.DType, header.Shape);
            tensor.FillBytes((_, piece) => tokens.ReadInto(piece, "the array data"));
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
        long offset = 0;
        foreach (var step in steps)
        {
            ReadOnlySpan<byte> rest = step;
            while (!rest.IsEmpty)
            {
                var piece = result.GetBytes(offset, rest.Length);
                rest[..piece.Length].CopyTo(piece);
                rest = rest[piece.Length..];
                offset += piece.Length;
            }
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
}
