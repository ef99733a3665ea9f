using System.Diagnostics;
using Checkpoint.Loading;
using Checkpoint.Storage;

namespace Checkpoint.Formats;

/// <summary>What the facades of the array formats (<see cref="NpyCheckpoint"/>, <see cref="NpzCheckpoint"/>, <see cref="SafeTensorsCheckpoint"/>) share.</summary>
internal static class ArrayCheckpoints
{
    /// <summary>
    /// Converts <paramref name="tree"/> as every save does (a model by <see cref="SaveOptions.Kinds"/>, anything else by
    /// <see cref="TreeConverter.FromObject"/>) and writes it atomically with <paramref name="write"/> (with its checksum sidecar when
    /// <see cref="SaveOptions.WriteChecksum"/>); measured as a save of <paramref name="format"/> (<see cref="CheckpointMetrics"/>).
    /// </summary>
    public static string Save(string path, object tree, bool overwrite, SaveOptions? options, string format, Action<Stream, StateNode> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SaveOptions.Default;
        var root = MsgPackCheckpoint.ToRoot(tree, options);
        var started = Stopwatch.GetTimestamp();
        var written = AtomicFile.Write(path, stream => write(stream, root), overwrite, MsgPackCheckpoint.SidecarOf(options), cancellationToken);
        CheckpointMetrics.Saved(format, written, started);
        return written;
    }

    /// <summary>
    /// Loads an opened file into a model through the one load planner, as msgpack files load: every entry checked
    /// first, then array bytes copied from the open file straight into the model's memory.
    /// </summary>
    public static LoadReport LoadInto(IStateful model, LoadOptions options, StateNode root, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var map = root as StateDict
            ?? throw new CheckpointException($"Checkpoint {fileName} holds {Generated.TensorLoads.Describe(root)} at the root, not a map of model state.");
        return ModelTarget.Load(model, map, options.SourceName is null ? options with { SourceName = fileName } : options, cancellationToken);
    }

    /// <summary>Reads every lazy array of an opened file's tree into memory, so the tree outlives the file.</summary>
    public static StateDict Materialized(StateDict root, CancellationToken cancellationToken = default)
    {
        StateTree.Materialize(root, cancellationToken);
        return root;
    }
}
