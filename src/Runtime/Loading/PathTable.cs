namespace Checkpoint.Loading;

/// <summary>
/// The levels of a walk (a load, a listing of states), each a key under its parent level, kept as numbered rows so
/// entries can say where they are with a number instead of a path string or an object each; the dotted text is made
/// only when someone asks for it. A walk of 100,000 layers then adds 100,000 rows to a few pages, not 100,000 objects.
/// </summary>
internal sealed class PathTable
{
    /// <summary>The level of the root, whose keys have no prefix.</summary>
    public const int Root = -1;

    private readonly PagedList<Row> _rows = new();

    /// <summary>Adds the level <paramref name="key"/> under <paramref name="parent"/>; returns its number.</summary>
    public int Add(int parent, string key)
    {
        _rows.Add(new Row(parent, key));
        return _rows.Count - 1;
    }

    /// <summary>The dotted path of <paramref name="key"/> under level <paramref name="parent"/>.</summary>
    public string Join(int parent, string key) => parent == Root ? key : Text(parent) + StateDict.PathSeparator + key;

    /// <summary>The dotted path of a level.</summary>
    public string Text(int level) => level == Root ? "" : string.Join(StateDict.PathSeparator, Segments(level));

    /// <summary>The keys from the root down to a level.</summary>
    public string[] Segments(int level)
    {
        var depth = 0;
        for (var at = level; at != Root; at = _rows[at].Parent) depth++;
        var segments = new string[depth];
        for (var at = level; at != Root; at = _rows[at].Parent) segments[--depth] = _rows[at].Key;
        return segments;
    }

    private readonly record struct Row(int Parent, string Key);
}
