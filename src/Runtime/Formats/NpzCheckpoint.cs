using System.Diagnostics;
using Checkpoint.Formats;
using Checkpoint.Formats.Npy;

namespace Checkpoint;

/// <summary>
/// Saves and loads numpy .npz archives: the C# counterpart of <c>np.savez</c>, <c>np.savez_compressed</c> and
/// <c>np.load</c>. Each array is a member named by its dotted path (<c>encoder.weight.npy</c>); reading splits the
/// names back into nested maps. Saves are atomic. See <c>docs/formats.md</c>.
/// </summary>
/// <example>
/// <code>
/// NpzCheckpoint.Save("model_params.npz", net.ToStateDict(StateKinds.Param));   // np.savez(..., **param_dict)
/// NpzCheckpoint.Load("model_params.npz", net);                                  // checked, then copied in
/// </code>
/// </example>
public static class NpzCheckpoint
{
    /// <summary>
    /// Saves a model's persistent state, a state dictionary or a plain tree (see <see cref="TreeConverter.FromObject"/>)
    /// to <paramref name="path"/> atomically. What an npz archive cannot hold (strings, None, bfloat16) is refused
    /// with the path named, before anything is written.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tree">What to save.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="options">Compression (<c>np.savez_compressed</c>) and progress.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">The file exists and <paramref name="overwrite"/> is false, or a value cannot be saved.</exception>
    public static string Save(string path, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default) =>
        ArrayCheckpoints.Save(path, tree, overwrite, options, CheckpointMetrics.Npz, (stream, root) => NpzWriter.Write(stream, root, options, cancellationToken), cancellationToken);

    /// <summary>Reads every array of an .npz file into memory (<c>dict(np.load(path))</c>, with dotted names nested).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not an npz archive this library can read, or is corrupt.</exception>
    public static StateDict Load(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = NpzFile.Open(path, options);
        var tree = ArrayCheckpoints.Materialized(file.Root, cancellationToken);
        CheckpointMetrics.Loaded(CheckpointMetrics.Npz, file.Name, started);
        return tree;
    }

    /// <summary>Opens an .npz file lazily (<c>np.load(path)</c>): arrays are read when asked for, while the file is open.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not an npz archive this library can read.</exception>
    public static NpzFile Open(string path, LoadOptions? options = null) => NpzFile.Open(path, options);

    /// <summary>
    /// Loads an .npz file into a model with the semantics of <see cref="IStateful.LoadStateDict"/>: every entry is
    /// checked first (shape, dtype, missing, unexpected); under <see cref="Mismatch.Error"/> any problem throws and
    /// nothing changes.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, Mismatch mismatch = Mismatch.Error) =>
        Load(path, model, LoadOptions.Default with { Mismatch = mismatch });

    /// <summary>Loads an .npz file into a model with full <see cref="LoadOptions"/>.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, LoadOptions options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = NpzFile.Open(path, options);
        var report = ArrayCheckpoints.LoadInto(model, options, file.Root, file.Name, cancellationToken);
        CheckpointMetrics.Loaded(CheckpointMetrics.Npz, file.Name, started);
        return report;
    }
}
