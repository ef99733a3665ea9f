using System.Diagnostics;
using Checkpoint.Formats;
using Checkpoint.Formats.Npy;

namespace Checkpoint;

/// <summary>
/// Saves and loads single arrays as numpy .npy files: the C# counterpart of <c>np.save</c> and <c>np.load</c>.
/// Files are byte for byte what numpy writes; saves are atomic. See <c>docs/formats.md</c>.
/// </summary>
public static class NpyCheckpoint
{
    /// <summary>Saves one array (a tensor, a .NET array of an element type, a number) to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="array">What to save.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="progress">Receives the number of bytes written so far.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">Not one numeric array (a map, a string, None), bfloat16, or the file exists and <paramref name="overwrite"/> is false.</exception>
    public static string Save(string path, object array, bool overwrite = true, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        ArrayCheckpoints.Save(path, array, overwrite, null, CheckpointMetrics.Npy, (stream, root) => NpyWriter.Write(stream, root, progress, cancellationToken), cancellationToken);

    /// <summary>Saves one array with <see cref="SaveOptions"/> (progress, and <see cref="SaveOptions.WriteChecksum"/> for a sidecar).</summary>
    /// <exception cref="CheckpointException">As <see cref="Save(string, object, bool, IProgress{long}?, CancellationToken)"/>.</exception>
    public static string Save(string path, object array, SaveOptions options, bool overwrite = true, CancellationToken cancellationToken = default) =>
        ArrayCheckpoints.Save(path, array, overwrite, options, CheckpointMetrics.Npy, (stream, root) => NpyWriter.Write(stream, root, options?.Progress, cancellationToken), cancellationToken);

    /// <summary>Reads the array of a .npy file into memory (C order, little-endian, whatever order the file has).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a .npy array this library can read.</exception>
    public static INdArray Load(string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = NpyFile.Open(path);
        var array = file.Array.Tensor;
        CheckpointMetrics.Loaded(CheckpointMetrics.Npy, file.Name, started);
        return array;
    }

    /// <summary>Opens a .npy file lazily: the header now, the array when asked for (<c>np.load(path, mmap_mode='r')</c>).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a .npy array this library can read.</exception>
    public static NpyFile Open(string path) => NpyFile.Open(path);
}
