using System.Diagnostics;
using Checkpoint.Formats;
using Checkpoint.Formats.SafeTensors;

namespace Checkpoint;

/// <summary>
/// Saves and loads Hugging Face safetensors files: the C# counterpart of <c>safetensors</c>' <c>save_file</c>,
/// <c>load_file</c> and <c>safe_open</c>. Tensors are named by their dotted paths (<c>encoder.weight</c>); reading
/// splits the names back into nested maps. Saves are atomic; opening reads only the header. See <c>docs/formats.md</c>.
/// </summary>
public static class SafeTensorsCheckpoint
{
    /// <summary>
    /// Saves a model's persistent state, a state dictionary or a plain tree (see <see cref="TreeConverter.FromObject"/>)
    /// to <paramref name="path"/> atomically. What safetensors cannot hold (complex128, Python numbers, strings,
    /// None) is refused with the path named, before anything is written.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tree">What to save.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="options">Metadata and progress.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">The file exists and <paramref name="overwrite"/> is false, or a value cannot be saved.</exception>
    public static string Save(string path, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default) =>
        ArrayCheckpoints.Save(path, tree, overwrite, options, CheckpointMetrics.SafeTensors, (stream, root) => SafeTensorsWriter.Write(stream, root, options, cancellationToken), cancellationToken);

    /// <summary>Reads every tensor of a safetensors file into memory (<c>load_file(path)</c>, with dotted names nested).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file breaks a rule of the format.</exception>
    public static StateDict Load(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = SafeTensorsFile.Open(path, options);
        var tree = ArrayCheckpoints.Materialized(file.Root, cancellationToken);
        CheckpointMetrics.Loaded(CheckpointMetrics.SafeTensors, file.Name, started);
        return tree;
    }

    /// <summary>Opens a safetensors file lazily (<c>safe_open(path)</c>): the header and metadata now, tensors when asked for.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file breaks a rule of the format.</exception>
    public static SafeTensorsFile Open(string path, LoadOptions? options = null) => SafeTensorsFile.Open(path, options);

    /// <summary>
    /// Loads a safetensors file into a model with the semantics of <see cref="IStateful.LoadStateDict"/>: every
    /// entry is checked first; under <see cref="Mismatch.Error"/> any problem throws and nothing changes.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, Mismatch mismatch = Mismatch.Error) =>
        Load(path, model, LoadOptions.Default with { Mismatch = mismatch });

    /// <summary>Loads a safetensors file into a model with full <see cref="LoadOptions"/>.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, LoadOptions options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = SafeTensorsFile.Open(path, options);
        var report = ArrayCheckpoints.LoadInto(model, options, file.Root, file.Name, cancellationToken);
        CheckpointMetrics.Loaded(CheckpointMetrics.SafeTensors, file.Name, started);
        return report;
    }
}
