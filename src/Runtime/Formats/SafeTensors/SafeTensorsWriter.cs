using System.Text;

namespace Checkpoint.Formats.SafeTensors;

/// <summary>
/// Writes a tree as a safetensors file laid out as the reference implementation lays it out: tensors sorted by
/// dtype (largest alignment first) then by name, a compact JSON header padded with spaces to 8 bytes, then the
/// data, streamed piece by piece (also from lazy leaves of another file). Leaves are named by their dotted paths.
/// Tensors and numpy scalars (as zero-dimensional tensors) are written; refused, naming the path: complex128
/// (safetensors has only complex64, <c>C64</c>), Python numbers (a safetensors file holds tensors only; keep them
/// as one-element tensors or in metadata), strings, bytes, None, and keys containing dots.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tree"/> to <paramref name="destination"/>.</summary>
    /// <param name="destination">The output; left open. It need not seek.</param>
    /// <param name="tree">The tensors: a map, nested maps flatten to dotted names.</param>
    /// <param name="options">Metadata and progress.</param>
    /// <param name="cancellationToken">Checked between pieces.</param>
    /// <exception cref="CheckpointException">A leaf the format cannot hold; nothing is written then.</exception>
    public static void Write(Stream destination, StateNode tree, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(tree);
        options ??= SaveOptions.Default;
        if (tree is not StateDict root)
            throw new CheckpointException($"Cannot save {tree.Kind} as .safetensors: a safetensors file holds named tensors, so the root must be a map.");

        var tensors = DottedNames.Flatten(root, ".safetensors")
            .Select(leaf => (Name: leaf.Key, Array: Writable(leaf.Key, leaf.Value)))
            .ToList();
        // The reference order: larger dtypes first (so every tensor stays aligned), then names by their UTF-8 bytes.
        tensors.Sort((x, y) =>
        {
            var byDType = SafeTensorsDTypes.Rank(y.Array.DType).CompareTo(SafeTensorsDTypes.Rank(x.Array.DType));
            return byDType != 0 ? byDType : Encoding.UTF8.GetBytes(x.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y.Name));
        });

        var entries = new List<SafeTensorsEntry>(tensors.Count);
        long offset = 0;
        foreach (var (name, array) in tensors)
        {
            entries.Add(new SafeTensorsEntry(name, array.DType, [.. array.Shape], offset, offset + array.ByteLength));
            offset += array.ByteLength;
        }

        var header = SafeTensorsHeader.Write(entries, options.Metadata);
        var progress = new WriteProgress(options.Progress);
        destination.Write(header);
        progress.Add(header.Length);
        foreach (var (_, array) in tensors) TensorBytes.WriteTo(array, destination, progress, cancellationToken);
    }

    private static TensorNode Writable(string path, StateNode leaf)
    {
        var array = ArrayLeaves.AsArray(leaf, includePythonScalars: false)
            ?? throw ArrayLeaves.Refusal(path, leaf, ".safetensors", leaf.Kind is StateNodeKind.Integer or StateNodeKind.Float or StateNodeKind.Bool or StateNodeKind.Complex
                ? "; a safetensors file holds tensors only (store it as a one-element tensor, or as a string in metadata)"
                : "; only tensors are written");
        if (SafeTensorsDTypes.NameOf(array.DType) is null)
            throw ArrayLeaves.Refusal(path, leaf, ".safetensors", " (it has complex64, C64, but no complex128); convert it to complex64 first, or save as .npz");
        return array;
    }
}
