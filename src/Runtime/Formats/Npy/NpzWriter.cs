namespace Checkpoint.Formats.Npy;

/// <summary>
/// Writes a tree as an .npz archive that <c>np.load</c> reads: one <c>name.npy</c> member per leaf, in tree
/// order, named by its dotted path; each member holds exactly the bytes <c>np.save</c> writes for the array.
/// Tensors are written as they are; numpy scalars and Python numbers as zero-dimensional arrays (what
/// <c>np.savez</c> makes of them: an int is int64, a float float64). Refused, naming the path: strings, bytes,
/// None (numpy would need pickled object arrays), bfloat16 (numpy has no such dtype), and keys containing dots.
/// Empty maps hold no array and are not written.
/// </summary>
public static class NpzWriter
{
    /// <summary>Writes <paramref name="tree"/> to <paramref name="destination"/>, array bytes piece by piece.</summary>
    /// <param name="destination">A seekable output (each member's CRC and sizes are filled in after its data); left open.</param>
    /// <param name="tree">The arrays: a map, nested maps flatten to dotted names.</param>
    /// <param name="options">Compression and progress.</param>
    /// <param name="cancellationToken">Checked between pieces.</param>
    /// <exception cref="CheckpointException">A leaf the format cannot hold; nothing is written then.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static void Write(Stream destination, StateNode tree, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(tree);
        if (!destination.CanSeek) throw new ArgumentException("Writing an npz archive needs a seekable stream.", nameof(destination));
        options ??= SaveOptions.Default;
        if (tree is not StateDict root)
            throw new CheckpointException($"Cannot save {tree.Kind} as .npz: an npz archive holds named arrays, so the root must be a map (save one array as .npy).");

        // Everything is checked before the first byte is written.
        var members = DottedNames.Flatten(root, ".npz")
            .Select(leaf => (Name: leaf.Key, Array: NpyArrays.Writable(leaf.Value, leaf.Key, ".npz")))
            .ToList();

        var progress = new WriteProgress(options.Progress);
        var zip = new ZipWriter(destination);
        foreach (var (name, array) in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var member = zip.BeginMember(name + ".npy", options.Compressed);
            NpyArrays.Write(member, array, progress, cancellationToken);
        }

        zip.Finish();
    }
}
