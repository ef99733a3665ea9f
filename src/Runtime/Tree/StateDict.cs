using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Checkpoint;

/// <summary>
/// An ordered map from string keys to <see cref="StateNode"/>s: the state dictionary of a model and the
/// in-memory form of a checkpoint file. Keys keep insertion order, which is the order written to files.
/// Paths such as <c>"encoder.layers.0.weight"</c> address nested entries.
/// </summary>
public sealed class StateDict : StateNode, IEnumerable<KeyValuePair<string, StateNode>>
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, StateNode> _items = new(StringComparer.Ordinal);

    /// <summary>The path separator of <see cref="GetPath"/> and friends.</summary>
    public const char PathSeparator = '.';

    /// <inheritdoc />
    public override StateNodeKind Kind => StateNodeKind.Map;

    /// <summary>The number of entries at this level.</summary>
    public int Count => _keys.Count;

    /// <summary>The keys in order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Gets an entry, or sets one (a new key goes last; an existing key keeps its place).</summary>
    /// <exception cref="KeyNotFoundException">Getting a key that is not present; the message names the key.</exception>
    public StateNode this[string key]
    {
        get => _items.TryGetValue(key, out var node)
            ? node
            : throw new KeyNotFoundException($"No entry '{key}' in this state dictionary (keys: {string.Join(", ", _keys)}).");
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!_items.ContainsKey(key)) _keys.Add(key);
            _items[key] = value;
        }
    }

    /// <summary>Adds an entry at the end.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(string key, StateNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_items.TryAdd(key, value)) throw new ArgumentException($"Duplicate key '{key}'.", nameof(key));
        _keys.Add(key);
    }

    /// <summary>Whether a key is present at this level.</summary>
    public bool ContainsKey(string key) => _items.ContainsKey(key);

    /// <summary>Looks up a key at this level.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StateNode value) => _items.TryGetValue(key, out value);

    /// <summary>Removes a key; returns whether it was present.</summary>
    public bool Remove(string key)
    {
        if (!_items.Remove(key)) return false;
        _keys.Remove(key);
        return true;
    }

    /// <summary>Renames a key in place (keeping its position); returns whether it was present.</summary>
    /// <exception cref="ArgumentException"><paramref name="newKey"/> is already present.</exception>
    public bool Rename(string oldKey, string newKey)
    {
        if (!_items.TryGetValue(oldKey, out var node)) return false;
        if (oldKey == newKey) return true;
        if (_items.ContainsKey(newKey)) throw new ArgumentException($"Cannot rename '{oldKey}': '{newKey}' exists.");
        _items.Remove(oldKey);
        _items[newKey] = node;
        _keys[_keys.IndexOf(oldKey)] = newKey;
        return true;
    }

    /// <summary>The child map under <paramref name="key"/>, created (and added last) when absent.</summary>
    /// <exception cref="InvalidOperationException">The key holds a leaf, not a map.</exception>
    public StateDict GetOrAddDict(string key)
    {
        if (!_items.TryGetValue(key, out var node))
        {
            var child = new StateDict();
            Add(key, child);
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
        foreach (var key in _keys)
        {
            var node = _items[key];
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
        foreach (var key in _keys) yield return new KeyValuePair<string, StateNode>(key, _items[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"StateDict({string.Join(", ", _keys)})";
}
