using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// What generated <see cref="IStateful.VisitState"/> methods report their members and children to. The runtime
/// passes one in for each job (listing entries, building a tree, planning and applying a load), so generated code
/// allocates nothing per call: members are passed by reference with the codec of their type, and paths are built
/// only when a visitor needs one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StateVisitor
{
    private readonly List<string> _path = [];
    private readonly List<IStateful> _models = [];
    private readonly List<int> _modelPathLengths = [];
    private readonly int _maxDepth;

    /// <summary>Creates a visitor that refuses model trees deeper than <paramref name="maxDepth"/> levels.</summary>
    protected StateVisitor(int maxDepth = CheckpointLimits.DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        _maxDepth = maxDepth;
    }

    /// <summary>The keys from the root to the model being visited.</summary>
    protected IReadOnlyList<string> PathKeys => _path;

    /// <summary>
    /// Reports one state member: its key at this level, its kind, the member itself (by reference, so a load can
    /// set it) and the codec of its type. Returns true when the visitor changed the value (generated code then
    /// writes it back to a property).
    /// </summary>
    /// <param name="key">The key (after the naming policy and <c>Name</c> overrides).</param>
    /// <param name="kind">Exactly one of Param, LongTerm and ShortTerm.</param>
    /// <param name="value">The member.</param>
    /// <param name="codec">How values of the member's type map to nodes.</param>
    /// <param name="formerKeys">Keys the member had in earlier versions (a static array in generated code).</param>
    public abstract bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null);

    /// <summary>Visits a child model under <paramref name="key"/>; a null child has no state.</summary>
    public void Child(string key, IStateful? child)
    {
        if (child is null || !EnterChild(key)) return;
        _path.Add(key);
        try
        {
            Visit(child);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
            ExitChild();
        }
    }

    /// <summary>Visits a list or array of child models under <c>key.0</c>, <c>key.1</c>, ....</summary>
    public void ChildList<T>(string key, IEnumerable<T?>? children)
        where T : class, IStateful
    {
        if (children is null || !EnterChildren(key, children is IReadOnlyCollection<T?> collection ? collection.Count : 0)) return;
        _path.Add(key);
        try
        {
            var index = 0;
            foreach (var child in children) Child(IndexKeys.Of(index++), child);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
            ExitChild();
        }
    }

    /// <summary>Visits a string-keyed dictionary of child models under <c>key.name</c>, in enumeration order.</summary>
    public void ChildDictionary<T>(string key, IEnumerable<KeyValuePair<string, T?>>? children)
        where T : class, IStateful
    {
        if (children is null || !EnterChild(key)) return;
        _path.Add(key);
        try
        {
            foreach (var pair in children) Child(pair.Key, pair.Value);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
            ExitChild();
        }
    }

    /// <summary>Visits <paramref name="model"/> (the root, or a child through <see cref="Child"/>).</summary>
    /// <exception cref="CheckpointException">The model tree contains itself, or nests deeper than the limit.</exception>
    public void Visit(IStateful model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_models.Count >= _maxDepth) throw TooDeep(model);
        _models.Add(model);
        _modelPathLengths.Add(_path.Count);
        try
        {
            BeginModel(model);
            model.VisitState(this);
        }
        finally
        {
            _models.RemoveAt(_models.Count - 1);
            _modelPathLengths.RemoveAt(_modelPathLengths.Count - 1);
        }
    }

    /// <summary>Called when <paramref name="model"/>'s own members are about to be visited.</summary>
    protected virtual void BeginModel(IStateful model)
    {
    }

    /// <summary>Called before a child model (or a collection of them) under <paramref name="key"/>; false skips it.</summary>
    protected virtual bool EnterChild(string key) => true;

    /// <summary>
    /// Called before a list of <paramref name="count"/> child models under <paramref name="key"/> (0 when the list
    /// cannot tell); false skips it. By default the same as <see cref="EnterChild"/>.
    /// </summary>
    protected virtual bool EnterChildren(string key, int count) => EnterChild(key);

    /// <summary>Called after the child entered by <see cref="EnterChild"/>.</summary>
    protected virtual void ExitChild()
    {
    }

    /// <summary>The dotted path of <paramref name="key"/> at the current level.</summary>
    protected string PathOf(string key) => _path.Count == 0 ? key : string.Join(StateDict.PathSeparator, _path) + StateDict.PathSeparator + key;

    // Cycles are found only when they matter: a model that contains itself nests without end and reaches the
    // depth limit, where the path is searched for the first repeated model to name where the cycle closes.
    private CheckpointException TooDeep(IStateful model)
    {
        for (var later = 1; later < _models.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (!ReferenceEquals(_models[earlier], _models[later])) continue;
                return new CheckpointException(
                    $"Model cycle: the {_models[later].GetType().Name} at {Describe(_modelPathLengths[later])} contains itself through its children.");
            }
        }

        return new CheckpointException($"Model tree deeper than {_maxDepth} levels at {Describe(_path.Count)}; is there a cycle?");
    }

    // The path made of the first `length` keys.
    private string Describe(int length) =>
        length == 0 ? "the root" : "'" + string.Join(StateDict.PathSeparator, _path.Take(length)) + "'";
}
