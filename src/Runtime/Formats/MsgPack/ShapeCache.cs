namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The shape arrays a reader hands to its array leaves: equal shapes share one array (leaves never change their
/// shape), so a file of 100,000 arrays of the same shape holds one shape, not 100,000.
/// </summary>
internal sealed class ShapeCache
{
    private const int Slots = 64;
    private readonly int[]?[] _shapes = new int[]?[Slots];
    private int[]? _last;

    /// <summary>An array equal to <paramref name="dims"/>, shared with earlier equal shapes.</summary>
    public int[] Get(ReadOnlySpan<int> dims)
    {
        // Arrays of a file mostly come in runs of one shape: the last one is tried before hashing.
        if (_last is { } last && dims.SequenceEqual(last)) return last;
        var hash = new HashCode();
        foreach (var dim in dims) hash.Add(dim);
        var slot = (int)((uint)hash.ToHashCode() % Slots);
        if (_shapes[slot] is { } seen && dims.SequenceEqual(seen)) return _last = seen;
        return _last = _shapes[slot] = dims.ToArray();
    }
}
