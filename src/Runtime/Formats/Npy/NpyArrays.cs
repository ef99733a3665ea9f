namespace Checkpoint.Formats.Npy;

/// <summary>The one place that turns .npy bytes into a tensor leaf and a tensor leaf into .npy bytes, for .npy files and npz members alike.</summary>
internal static class NpyArrays
{
    /// <summary>
    /// The lazy leaf of a .npy array whose header has been read: <paramref name="stored"/> holds exactly the data
    /// bytes as stored; arrays stored big-endian or in Fortran order are converted while reading.
    /// </summary>
    public static TensorNode Leaf(NpyHeader header, TensorData stored) =>
        new(header.DType, header.Shape, header.IsNativeLayout ? stored : new NpyLayoutData(stored, header));

    /// <summary>Checks that the data after the header is exactly as long as the header says.</summary>
    /// <exception cref="CheckpointFormatException">Truncated data, or bytes after the array.</exception>
    public static void CheckDataLength(NpyHeader header, long available, string? fileName, string path)
    {
        if (available < header.DataLength)
            throw new CheckpointFormatException(
                $"a {header.DType.NumpyName()}{TensorShape.Format(header.Shape)} array needs {header.DataLength} data bytes but only {available} follow the header (truncated?)",
                fileName, path, header.DataOffset + available);
        if (available > header.DataLength)
            throw new CheckpointFormatException(
                $"{available - header.DataLength} byte(s) follow the array data (several arrays appended to one .npy file are not read)",
                fileName, path, header.DataOffset + header.DataLength);
    }

    /// <summary>
    /// The leaf as a .npy array, or a refusal naming <paramref name="path"/>: tensors, numpy scalars and Python
    /// numbers (as numpy's zero-dimensional arrays) are written; bfloat16, which numpy has no dtype for, strings,
    /// bytes and None are not.
    /// </summary>
    public static TensorNode Writable(StateNode leaf, string path, string format)
    {
        var array = ArrayLeaves.AsArray(leaf, includePythonScalars: true)
            ?? throw ArrayLeaves.Refusal(path, leaf, format, "; only numeric arrays and numbers are written");
        if (NpyDescr.Of(array.DType) is null)
            throw ArrayLeaves.Refusal(path, leaf, format, " (numpy has no bfloat16 dtype); convert it to float32 first, or save as safetensors");
        return array;
    }

    /// <summary>Writes the array as numpy's <c>np.save</c> does: the header, then the C-order little-endian data, piece by piece.</summary>
    public static void Write(Stream output, TensorNode array, WriteProgress progress, CancellationToken cancellationToken)
    {
        var header = NpyHeader.Write(array.DType, array.Shape);
        output.Write(header);
        progress.Add(header.Length);
        TensorBytes.WriteTo(array, output, progress, cancellationToken);
    }
}
