namespace Checkpoint.Formats.Npy;

/// <summary>
/// Reads a .npy array (numpy's <c>np.save</c> format, versions 1.0, 2.0 and 3.0) fully into memory. Every dtype
/// of <see cref="DType"/> but bfloat16, either byte order, C or Fortran order; the result is always C order,
/// little-endian. For lazy reading use <see cref="NpyFile"/>.
/// </summary>
public static class NpyReader
{
    /// <summary>Reads the array from the current position of <paramref name="source"/> to its end; the stream is left open.</summary>
    /// <exception cref="CheckpointFormatException">Not a .npy array this library can read, or truncated.</exception>
    public static TensorNode Read(Stream source, LoadOptions? options = null)
    {
        using var file = NpyFile.Open(source, options, leaveOpen: true);
        StateTree.Materialize(file.Array);
        return file.Array;
    }
}
