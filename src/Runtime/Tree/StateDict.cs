using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Checkpoint;

/// <summary>
/// An ordered map from string keys to <see cref="StateNode"/>s: the state dictionary of a model and the
/// in-memory form of a checkpoint file. Keys keep insertion order, which is the order written to files.
/// Paths such as <c>"encoder.layers.0.weight"</c> address nested entries.
/// </summary>
/// <remarks>
/// Built for trees of many small maps (a model with 100,000 layers is 100,000 one-entry maps): entries live in
/// one array, and a hash index is built only when a map grows past a few entries and is searched by key.
/// </remarks>
public sealed partial class StateDict : StateNode, IEnumerable<KeyValuePair<string, StateNode>>
{
    // Up to this many entries a linear scan beats hashing. Beyond it, lookups scan until this many have missed
    // (a walk in the map's own order never misses: it finds each key where it expects it), then build the index.
    private const int IndexThreshold = 8;

    // This map's entries are _entries[_start .. _start + _count), with room up to _start + _capacity. A map of its
    // own starts at 0; the maps a reader or a model's tree builder makes share slabs (see MapBuilder) until they grow.
    private Entry[] _entries = [];
    private int _start;
    private int _capacity;
    private int _count;
    private Dictionary<string, int>? _index;
    private int _scans;

    // True while the keys are exactly "0", "1", ... in order (a list, which is most large maps): the position of a
    // key is then its number, found without hashing or an index.
    private bool _isSequence = true;

    /// <summary>The path separator of <see cref="GetPath"/> and friends.</summary>
    public const char PathSeparator = '.';

    /// <summary>An empty map.</summary>
    public StateDict()
    {
    }

    /// <summary>An empty map with room for <paramref name="capacity"/> entries (readers know the count up front).</summary>
    public StateDict(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _entries = capacity == 0 ? [] : new Entry[capacity];
        _capacity = capacity;
    }

    // A map whose `count` entries were built in a slab shared with other maps (see MapBuilder): exactly full.
    private StateDict(Entry[] slab, int start, int count)
    {
        _entries = slab;
        _start = start;
        _capacity = count;
        _count = count;
        _isSequence = IsSequence(slab, start, count);
    }

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Map;

    /// <summary>The number of entries at this level.</summary>
    public int Count => _count;

    /// <summary>The keys in order.</summary>
    public IReadOnlyList<string> Keys => new KeyView(this);

    /// <summary>Gets an entry, or sets one (a new key goes last; an existing key keeps its place).</summary>
    /// <exception cref="KeyNotFoundException">Getting a key that is not present; the message names the key.</exception>
    public StateNode this[string key]
    {
        get => IndexOf(key) is var i and >= 0
            ? ValueAt(i)
            : throw new KeyNotFoundException($"No entry '{key}' in this state dictionary (keys: {string.Join(", ", Keys)}).");
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            var i = IndexOf(key);
            if (i >= 0) _entries[_start + i] = new Entry(key: _entries[_start + i].Key, value);
            else Append(key, value);
        }
    }

    /// <summary>Adds an entry at the end.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(string key, StateNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (IndexOf(key) >= 0) throw new ArgumentException($"Duplicate key '{key}'.", nameof(key));
        Append(key, value);
    }

    /// <summary>Whether a key is present at this level.</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>Looks up a key at this level.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StateNode value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? ValueAt(i) : null;
        return i >= 0;
    }

    /// <summary>Removes a key; returns whether it was present.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0) return false;
        Array.Copy(_entries, _start + i + 1, _entries, _start + i, _count - i - 1);
        _entries[_start + --_count] = default;
        _index = null;
        _isSequence = _count == 0;
        return true;
    }

    /// <summary>Renames a key in place (keeping its position); returns whether it was present.</summary>
    /// <exception cref="ArgumentException"><paramref name="newKey"/> is already present.</exception>
    public bool Rename(string oldKey, string newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var i = IndexOf(oldKey);
        if (i < 0) return false;
        if (oldKey == newKey) return true;
        if (IndexOf(newKey) >= 0) throw new ArgumentException($"Cannot rename '{oldKey}': '{newKey}' exists.");
        _entries[_start + i].Key = newKey;
        _index = null;
        _isSequence = false;
        return true;
    }

    /// <summary>The child map under <paramref name="key"/>, created (and added last) when absent.</summary>
    /// <exception cref="InvalidOperationException">The key holds a leaf, not a map.</exception>
    public StateDict GetOrAddDict(string key)
    {
        if (!TryGetValue(key, out var node))
        {
            var child = new StateDict();
            Append(key, child);
            return child;
        }

        return node as StateDict
            ?? throw new InvalidOperationException($"Entry '{key}' is a {node.Kind} leaf, not a map.");
    }

    /// <summary>Looks up a dotted path such as <c>"encoder.layers.0.weight"</c>.</summary>
    public bool TryGetPath(string path, [MaybeNullWhen(false)] out StateNode value)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryGetPath(path.Split(PathSeparator), out value);
    }

    /// <summary>Looks up a path given as its segments.</summary>
    public bool TryGetPath(IReadOnlyList<string> segments, [MaybeNullWhen(false)] out StateNode value)
    {
        StateNode current = this;
        foreach (var segment in segments)
        {
            if (current is not StateDict map || !map.TryGetValue(segment, out var next))
            {
                value = null;
                return false;
            }

            current = next;
        }

        value = current;
        return true;
    }

    /// <summary>The node at a dotted path.</summary>
    /// <exception cref="KeyNotFoundException">No node at that path; the message names the path.</exception>
    public StateNode GetPath(string path) =>
        TryGetPath(path, out var node) ? node : throw new KeyNotFoundException($"No entry at path '{path}'.");

    /// <summary>Sets the node at a path, creating intermediate maps as needed.</summary>
    public void SetPath(IReadOnlyList<string> segments, StateNode value)
    {
        if (segments.Count == 0) throw new ArgumentException("A path needs at least one segment.", nameof(segments));
        var map = this;
        for (var i = 0; i < segments.Count - 1; i++) map = map.GetOrAddDict(segments[i]);
        map[segments[^1]] = value;
    }

    /// <summary>Sets the node at a dotted path, creating intermediate maps as needed.</summary>
    public void SetPath(string path, StateNode value) => SetPath(path.Split(PathSeparator), value);

    /// <summary>Every leaf with its dotted path, depth first in key order (empty maps are not leaves).</summary>
    public IEnumerable<KeyValuePair<string, StateNode>> Leaves()
    {
        for (var i = 0; i < _count; i++)
        {
            var (key, node) = (KeyAt(i), ValueAt(i));
            if (node is StateDict child)
            {
                foreach (var leaf in child.Leaves())
                    yield return new KeyValuePair<string, StateNode>(key + PathSeparator + leaf.Key, leaf.Value);
            }
            else
            {
                yield return new KeyValuePair<string, StateNode>(key, node);
            }
        }
    }

    /// <summary>The entries in order.</summary>
    public IEnumerator<KeyValuePair<string, StateNode>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return new KeyValuePair<string, StateNode>(KeyAt(i), ValueAt(i));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The contents, readably: small leaves with their values (<c>{'lr': 0.001, 'tau': 10 ms, 'w': ndarray float32(2, 2)}</c>),
    /// nested maps in braces, long maps cut after a few entries with the count of the rest.
    /// </summary>
    public override string ToString() => StateTreeText.Format(this);

    /// <summary>The key of entry <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    internal string KeyAt(int index) => _entries[_start + index].Key;

    /// <summary>
    /// The value of entry <paramref name="index"/>. An entry a reader left compact becomes its node here, once: later
    /// calls (from any thread) return the same node.
    /// </summary>
    internal StateNode ValueAt(int index)
    {
        ref var entry = ref _entries[_start + index];
        return entry.Value as StateNode ?? Realize(ref entry);
    }

    /// <summary>
    /// The position of <paramref name="key"/>, trying <paramref name="hint"/> first: loads walk a file and a model
    /// in the same order, so the expected position almost always matches and no index is needed.
    /// </summary>
    internal int IndexOf(string key, int hint)
    {
        if ((uint)hint < (uint)_count && string.Equals(_entries[_start + hint].Key, key, StringComparison.Ordinal)) return hint;
        return IndexOf(key);
    }

    /// <summary>Appends without the duplicate check, for readers that check keys their own way.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="expectedCount">How many entries the map will have (a reader's header): growth stops there, so the
    /// entries array ends exactly full. Never allocates ahead of the entries that actually arrive.</param>
    internal void AddUnchecked(string key, StateNode value, int expectedCount = 0)
    {
        if (_count == _capacity && expectedCount > _count) Grow((int)Math.Min(expectedCount, Math.Max(4L, 2L * _count)));
        Append(key, value);
    }

    /// <summary>
    /// The key that appears twice, or null: for readers, checked once the map is complete instead of hashing every
    /// key as it arrives (a list's keys "0", "1", ... are distinct by construction and are not checked at all).
    /// </summary>
    internal string? FindDuplicateKey() => _isSequence ? null : FindDuplicateKey(_entries, _start, _count);

    private static string? FindDuplicateKey(Entry[] entries, int start, int count)
    {
        if (count < 2 || IsSequence(entries, start, count)) return null;
        if (count <= IndexThreshold)
        {
            for (var i = 1; i < count; i++)
                for (var j = 0; j < i; j++)
                    if (string.Equals(entries[start + i].Key, entries[start + j].Key, StringComparison.Ordinal)) return entries[start + i].Key;
            return null;
        }

        var keys = new string[count];
        for (var i = 0; i < keys.Length; i++) keys[i] = entries[start + i].Key;
        Array.Sort(keys, StringComparer.Ordinal);
        for (var i = 1; i < keys.Length; i++)
            if (string.Equals(keys[i], keys[i - 1], StringComparison.Ordinal)) return keys[i];
        return null;
    }

    // Whether the keys are "0", "1", ... in order (distinct by construction).
    private static bool IsSequence(Entry[] entries, int start, int count)
    {
        for (var i = 0; i < count; i++)
            if (!Generated.IndexKeys.Is(entries[start + i].Key, i)) return false;
        return true;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_isSequence) return Generated.IndexKeys.TryParse(key, out var position) && position < _count ? position : -1;
        if (_index is null && (_count <= IndexThreshold || ++_scans <= IndexThreshold))
        {
            for (var i = 0; i < _count; i++)
                if (string.Equals(_entries[_start + i].Key, key, StringComparison.Ordinal)) return i;
            return -1;
        }

        var index = _index ??= BuildIndex();
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++) index[KeyAt(i)] = i;
        return index;
    }

    private void Append(string key, StateNode value)
    {
        if (_count == _capacity) Grow(_count == 0 ? 1 : _count * 2);
        _entries[_start + _count] = new Entry(key, value);
        _isSequence = _isSequence && Generated.IndexKeys.Is(key, _count);
        _index?.Add(key, _count);
        _count++;
    }

    // Moves the entries into an array of this map's own (out of a shared slab too).
    private void Grow(int capacity)
    {
        var entries = new Entry[capacity];
        Array.Copy(_entries, _start, entries, 0, _count);
        _entries = entries;
        _start = 0;
        _capacity = capacity;
    }

    private sealed class KeyView(StateDict map) : IReadOnlyList<string>
    {
        public string this[int index] =>
            (uint)index < (uint)map._count ? map.KeyAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => map._count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < map._count; i++) yield return map.KeyAt(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
