namespace Checkpoint.Formats.Npy;

/// <summary>
/// Writes one array as a .npy file, byte for byte what numpy's <c>np.save</c> writes for the same array (format
/// 1.0, C order, little-endian). Array bytes are streamed piece by piece, also from lazy leaves of another file.
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="destination"/>.</summary>
    /// <param name="destination">The output; left open.</param>
    /// <param name="array">A tensor, a numpy scalar, or a Python number (written as a zero-dimensional array as numpy does).</param>
    /// <param name="progress">Receives the number of bytes written so far.</param>
    /// <param name="cancellationToken">Checked between pieces.</param>
    /// <exception cref="CheckpointException">The node is not one numeric array (a map, a string, None), or is bfloat16.</exception>
    public static void Write(Stream destination, StateNode array, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(array);
        if (array is StateDict) throw new CheckpointException("Cannot save a map as .npy: a .npy file holds one array; save several arrays as .npz.");
        NpyArrays.Write(destination, NpyArrays.Writable(array, "the array", ".npy"), new WriteProgress(progress), cancellationToken);
    }
}
