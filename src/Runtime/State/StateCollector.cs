using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>
/// Gathers the state entries of a model tree. Generated <see cref="IStateful.CollectStates"/> methods report
/// their members with <see cref="Add"/> and their children with <see cref="Child"/>, <see cref="ChildList{T}"/>
/// and <see cref="ChildDictionary{T}"/>; the collector builds the paths and applies the kind filter.
/// </summary>
public sealed class StateCollector
{
    // Deep enough for any real model; a deeper tree is almost certainly a cycle through a collection.
    private const int MaxDepth = 256;

    private readonly List<StateEntry> _entries = [];
    private readonly List<string> _prefix = [];
    private readonly HashSet<object> _visiting = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a collector that keeps entries of <paramref name="kinds"/>.</summary>
    public StateCollector(StateKinds kinds = StateKinds.All) => Kinds = kinds;

    /// <summary>The kinds kept.</summary>
    public StateKinds Kinds { get; }

    /// <summary>The entries gathered so far, in order.</summary>
    public IReadOnlyList<StateEntry> Entries => _entries;

    /// <summary>The ordered entries of <paramref name="model"/> and its children, filtered by kind.</summary>
    public static IReadOnlyList<StateEntry> Collect(IStateful model, StateKinds kinds = StateKinds.All)
    {
        ArgumentNullException.ThrowIfNull(model);
        var collector = new StateCollector(kinds);
        collector.Visit(model);
        return collector.Entries;
    }

    /// <summary>Whether entries of <paramref name="kind"/> are kept (lets generated code skip work).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Wants(StateKinds kind) => (Kinds & kind) != 0;

    /// <summary>Reports one state member.</summary>
    /// <param name="key">The key at this level (the member name after naming policy and overrides).</param>
    /// <param name="kind">The member's kind.</param>
    /// <param name="accessor">Typed access to the member.</param>
    /// <param name="formerKeys">Keys the member had in earlier versions.</param>
    public void Add(string key, StateKinds kind, StateAccessor accessor, params string[] formerKeys)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(accessor);
        if (!Wants(kind)) return;
        var segments = new string[_prefix.Count + 1];
        _prefix.CopyTo(segments);
        segments[^1] = key;
        var former = formerKeys is { Length: > 0 }
            ? formerKeys.Select(k => string.Join(StateDict.PathSeparator, _prefix.Append(k))).ToArray()
            : [];
        _entries.Add(new StateEntry(segments, kind, accessor, former));
    }

    /// <summary>Visits a child model under <paramref name="key"/>; a null child has no state.</summary>
    public void Child(string key, IStateful? child)
    {
        if (child is null) return;
        _prefix.Add(key);
        try
        {
            Visit(child);
        }
        finally
        {
            _prefix.RemoveAt(_prefix.Count - 1);
        }
    }

    /// <summary>Visits a list or array of child models under <c>key.0</c>, <c>key.1</c>, ....</summary>
    public void ChildList<T>(string key, IEnumerable<T?>? children)
        where T : class, IStateful
    {
        if (children is null) return;
        _prefix.Add(key);
        try
        {
            var index = 0;
            foreach (var child in children)
            {
                Child(index.ToString(System.Globalization.CultureInfo.InvariantCulture), child);
                index++;
            }
        }
        finally
        {
            _prefix.RemoveAt(_prefix.Count - 1);
        }
    }

    /// <summary>Visits a string-keyed dictionary of child models under <c>key.name</c>, in enumeration order.</summary>
    public void ChildDictionary<T>(string key, IEnumerable<KeyValuePair<string, T?>>? children)
        where T : class, IStateful
    {
        if (children is null) return;
        _prefix.Add(key);
        try
        {
            foreach (var pair in children) Child(pair.Key, pair.Value);
        }
        finally
        {
            _prefix.RemoveAt(_prefix.Count - 1);
        }
    }

    private void Visit(IStateful model)
    {
        var here = _prefix.Count == 0 ? "the root" : string.Join(StateDict.PathSeparator, _prefix);
        if (_prefix.Count > MaxDepth)
            throw new CheckpointException($"Model tree deeper than {MaxDepth} levels at '{here}'; is there a cycle?");
        if (!_visiting.Add(model))
            throw new CheckpointException(
                $"Model cycle: the {model.GetType().Name} at '{here}' contains itself through its children.");
        try
        {
            model.CollectStates(this);
        }
        finally
        {
            _visiting.Remove(model);
        }
    }
}
