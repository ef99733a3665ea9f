namespace Checkpoint;

// The compact form of a tree's entries. A file of 100,000 layers is 100,000 one-entry maps each holding one array
// leaf: as objects that is 200,000 nodes that live until a load has applied them, which the garbage collector copies
// from generation to generation. Readers and the model's tree builder therefore leave child maps and array leaves
// *compact*: the entry holds what makes the node (the entries of the child map in a shared slab; an array's dtype,
// shape, source and offset; an in-memory tensor) and the node object is made when someone asks for it. Public
// access (ValueAt and everything built on it) makes it once and keeps it, so a node has one identity; the planner
// and the writers only peek (PeekAt), so the nodes they look at are short-lived and the tree stays a few arrays.
public sealed partial class StateDict
{
    /// <summary>
    /// The value of entry <paramref name="index"/> without keeping the node made from a compact entry: for walks that
    /// look at each node once (a load's planning, a writer). A node someone already asked for is returned as is.
    /// </summary>
    internal StateNode PeekAt(int index)
    {
        var entry = _entries[_start + index];
        return entry.Value as StateNode ?? Make(entry.Value, entry.Aux);
    }

    /// <summary>Entry <paramref name="index"/>'s value as it is stored (compact or a node), to be made into a node later.</summary>
    internal NodeSlot SlotAt(int index)
    {
        var entry = _entries[_start + index];
        return new NodeSlot(entry.Value, entry.Aux);
    }

    /// <summary>
    /// The child map under entry <paramref name="index"/> for a walk that looks at it once: a map already made is
    /// returned as is; a compact one is shown through <paramref name="view"/> (re-pointed at its entries, so a walk
    /// of 100,000 child maps makes no map object per child); null when the entry is not a map.
    /// </summary>
    internal StateDict? PeekMapAt(int index, StateDict view)
    {
        var entry = _entries[_start + index];
        if (entry.Value is not Entry[] slab) return entry.Value as StateDict;
        view.ShowCompact(slab, (int)(entry.Aux >> 32), (int)entry.Aux);
        return view;
    }

    // Points this map (a walk's private view, never a map anyone else holds) at a compact map's entries.
    private void ShowCompact(Entry[] slab, int start, int count)
    {
        _entries = slab;
        _start = start;
        _capacity = count;
        _count = count;
        _index = null;
        _scans = 0;
        _isSequence = IsSequence(slab, start, count);
    }

    private static StateNode Realize(ref Entry entry)
    {
        var compact = entry.Value;
        var node = Make(compact, entry.Aux);
        // Readers of a tree may share it between threads: the first node made is the one every caller gets.
        return Interlocked.CompareExchange(ref entry.Value, node, compact) is var seen && ReferenceEquals(seen, compact)
            ? node
            : (StateNode)seen;
    }

    private static StateNode Make(object compact, long aux) => compact switch
    {
        Entry[] slab => new StateDict(slab, (int)(aux >> 32), (int)aux),
        LazyArray array => new TensorNode(array.DType, array.Shape, array.Data, aux),
        INdArray tensor => new TensorNode(tensor),
        _ => (StateNode)compact,
    };

    // Value: a StateNode, or a compact form — an Entry[] slab (a child map: Aux = start << 32 | count), a LazyArray
    // (an array leaf still in a file: Aux = its data offset), an INdArray (an array leaf in memory).
    private struct Entry(string key, object value, long aux = 0)
    {
        public string Key = key;
        public object Value = value;
        public long Aux = aux;
    }

    /// <summary>An entry's value as stored: a node, or what makes one (see <see cref="Node"/>).</summary>
    internal readonly struct NodeSlot(object value, long aux)
    {
        private readonly object _value = value;
        private readonly long _aux = aux;

        /// <summary>A node as it is.</summary>
        public static NodeSlot Of(StateNode node) => new(node, 0);

        /// <summary>An array leaf still in <paramref name="array"/>'s source, its bytes from <paramref name="dataOffset"/>.</summary>
        public static NodeSlot Lazy(LazyArray array, long dataOffset) => new(array, dataOffset);

        /// <summary>
        /// A node as a writer or builder hands it over: an array leaf holding a tensor in memory is kept as the tensor
        /// (its node made again on request), anything else as the node.
        /// </summary>
        public static NodeSlot Compact(StateNode node) =>
            node is TensorNode tensor && tensor.InMemoryTensor is { } inMemory ? new NodeSlot(inMemory, 0) : new NodeSlot(node, 0);

        /// <summary>Whether the slot holds a child map.</summary>
        public bool IsMap => _value is StateDict or Entry[];

        /// <summary>Whether the slot holds nothing (default).</summary>
        public bool IsEmpty => _value is null;

        /// <summary>The node (made anew for a compact slot: the caller decides whether to keep it).</summary>
        public StateNode Node => _value as StateNode ?? Make(_value, _aux);

        /// <summary>
        /// Copies the array this slot holds into <paramref name="target"/>: straight from the file for a compact lazy
        /// array of the same dtype and size, otherwise through the node, which converts losslessly and refuses a
        /// target of another size (codecs check shapes before they plan a copy; a custom one may not).
        /// </summary>
        public void CopyArrayTo(INdArray target)
        {
            if (_value is LazyArray lazy && lazy.DType == target.DType
                && TensorShape.ElementCountLong(lazy.Shape) * lazy.DType.ItemSize() == target.ByteLength)
            {
                lazy.Data.ReadInto(_aux, target);
                return;
            }

            Generated.TensorLoads.Fill((TensorNode)Node, target);
        }

        internal object Value => _value;

        internal long Aux => _aux;
    }

    /// <summary>
    /// What a reader knows of an array leaf besides where its bytes start: dtype, shape and source, shared by all the
    /// arrays of a file that agree on them (a file of 100,000 float32[16] arrays holds one).
    /// </summary>
    internal sealed class LazyArray(DType dtype, int[] shape, TensorData data)
    {
        public DType DType { get; } = dtype;

        public int[] Shape { get; } = shape;

        public TensorData Data { get; } = data;
    }

    /// <summary>
    /// Builds maps in compact form, for readers and the model's tree builder: entries of the maps being built wait on
    /// a stack (a map's children complete before it does); a completed map moves to a slab shared with other small
    /// maps (a file of 100,000 one-entry maps makes a few dozen arrays, not 100,000) or, when large, to an array of
    /// its own, and becomes one entry of its parent. Nothing is allocated ahead of entries that actually arrived.
    /// </summary>
    internal sealed class MapBuilder
    {
        // 2,048 entries of 24 bytes: 48 KiB, inside the small-object heap.
        private const int SlabLength = 2048;

        // The first slab of a builder; enough for any shared map (at most MaxSharedCount entries).
        private const int FirstSlabLength = 64;

        // Larger maps get an array of their own: sharing would save little and strand much of a slab.
        private const int MaxSharedCount = 32;

        private static readonly Entry[] NoEntries = [];

        private Entry[] _stack = new Entry[16];
        private int _top;
        private Entry[] _slab = [];
        private int _used;

        /// <summary>
        /// Where the map about to be built starts on the stack; pass it to the other methods. <paramref name="expectedCount"/>
        /// makes room for that many entries at once (callers bound it by what the input can really hold).
        /// </summary>
        public int Begin(int expectedCount = 0)
        {
            if (_top + expectedCount > _stack.Length) Array.Resize(ref _stack, Math.Max(_top + expectedCount, _stack.Length * 2));
            return _top;
        }

        /// <summary>The number of entries the map begun at <paramref name="mark"/> has so far.</summary>
        public int CountSince(int mark) => _top - mark;

        /// <summary>Adds an entry to the map being built (the innermost one).</summary>
        public void Add(string key, NodeSlot value)
        {
            if (_top == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
            _stack[_top++] = new Entry(key, value.Value, value.Aux);
        }

        /// <summary>The position of <paramref name="key"/> among the entries of the map begun at <paramref name="mark"/>, or -1 (a linear scan: for small maps).</summary>
        public int IndexOf(int mark, string key)
        {
            for (var i = mark; i < _top; i++)
                if (string.Equals(_stack[i].Key, key, StringComparison.Ordinal)) return i - mark;
            return -1;
        }

        /// <summary>The key of entry <paramref name="index"/> of the map begun at <paramref name="mark"/>.</summary>
        public string KeyAt(int mark, int index) => _stack[mark + index].Key;

        /// <summary>The value of entry <paramref name="index"/> of the map begun at <paramref name="mark"/>.</summary>
        public NodeSlot SlotAt(int mark, int index) => new(_stack[mark + index].Value, _stack[mark + index].Aux);

        /// <summary>Replaces the value of entry <paramref name="index"/> of the map begun at <paramref name="mark"/>.</summary>
        public void SetAt(int mark, int index, NodeSlot value)
        {
            _stack[mark + index].Value = value.Value;
            _stack[mark + index].Aux = value.Aux;
        }

        /// <summary>The key that appears twice in the map begun at <paramref name="mark"/>, or null.</summary>
        public string? FindDuplicateKey(int mark) => StateDict.FindDuplicateKey(_stack, mark, _top - mark);

        /// <summary>Completes the map begun at <paramref name="mark"/>: its entries leave the stack; returns the map in compact form.</summary>
        public NodeSlot End(int mark)
        {
            var count = _top - mark;
            Entry[] home;
            var start = 0;
            if (count == 0)
            {
                home = NoEntries;
            }
            else if (mark == 0 && count > MaxSharedCount && count >= _stack.Length / 2)
            {
                // The outermost large map (a list of 100,000 layers) keeps the stack it was built in instead of a
                // copy of it; the next map starts a new stack.
                home = _stack;
                _stack = new Entry[16];
                _top = 0;
                return new NodeSlot(home, count);
            }
            else if (count > MaxSharedCount)
            {
                home = new Entry[count];
            }
            else
            {
                if (_used + count > _slab.Length)
                {
                    // Slabs grow to full size: a tree of a few maps (a small model saved every step) takes 1.5 KiB, not 48.
                    _slab = new Entry[Math.Min(SlabLength, Math.Max(FirstSlabLength, 2 * _slab.Length))];
                    _used = 0;
                }

                home = _slab;
                start = _used;
                _used += count;
            }

            Array.Copy(_stack, mark, home, start, count);
            Array.Clear(_stack, mark, count);
            _top = mark;
            return new NodeSlot(home, ((long)start << 32) | (uint)count);
        }

        /// <summary>Completes the map begun at <paramref name="mark"/> as a <see cref="StateDict"/>.</summary>
        public StateDict EndAsMap(int mark) => (StateDict)End(mark).Node;
    }
}
