namespace Checkpoint.Formats;

/// <summary>
/// A numeric leaf of any kind as an array, the way the array formats write it (and numpy makes it): for comparing a
/// Python number in a msgpack file with the zero-dimensional array an .npz file holds for it.
/// </summary>
public static class NumericLeaves
{
    /// <summary>
    /// The leaf as an array: a tensor as it is, a numpy scalar as a zero-dimensional array of its dtype, a Python number
    /// as numpy's zero-dimensional array (an int is int64, or uint64 above its range; a float float64; a bool bool; a
    /// complex complex128). Null for strings, byte strings, None and maps.
    /// </summary>
    public static TensorNode? AsArray(StateNode leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return leaf is StateDict ? null : ArrayLeaves.AsArray(leaf, includePythonScalars: true);
    }
}
