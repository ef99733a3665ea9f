using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// A node of a <see cref="MsgPackIndex"/>: a <see cref="MsgPackIndexMap"/>, a <see cref="TensorRef"/>
/// (an array whose data is still in the file) or a <see cref="MsgPackIndexLeaf"/> (any other value, loaded).
/// </summary>
public abstract class MsgPackIndexNode
{
    private protected MsgPackIndexNode()
    {
    }
}

/// <summary>A small value read in full while indexing (number, string, numpy scalar, complex, bytes, null).</summary>
public sealed class MsgPackIndexLeaf : MsgPackIndexNode
{
    internal MsgPackIndexLeaf(StateNode value) => Value = value;

    /// <summary>The value.</summary>
    public StateNode Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value.ToString() ?? "";
}

/// <summary>A map of an index, with its keys in file order.</summary>
public sealed class MsgPackIndexMap : MsgPackIndexNode, IEnumerable<KeyValuePair<string, MsgPackIndexNode>>
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, MsgPackIndexNode> _items = new(StringComparer.Ordinal);

    internal MsgPackIndexMap()
    {
    }

    /// <summary>The keys in file order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The number of entries.</summary>
    public int Count => _keys.Count;

    /// <summary>The entry under a key.</summary>
    /// <exception cref="KeyNotFoundException">No such key; the message names it.</exception>
    public MsgPackIndexNode this[string key] =>
        _items.TryGetValue(key, out var node) ? node : throw new KeyNotFoundException($"No entry '{key}' in this map.");

    /// <summary>Looks up a key.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out MsgPackIndexNode value) => _items.TryGetValue(key, out value);

    /// <summary>The entries in file order.</summary>
    public IEnumerator<KeyValuePair<string, MsgPackIndexNode>> GetEnumerator()
    {
        foreach (var key in _keys) yield return new KeyValuePair<string, MsgPackIndexNode>(key, _items[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(string key, MsgPackIndexNode value)
    {
        _keys.Add(key);
        _items.Add(key, value);
    }
}
