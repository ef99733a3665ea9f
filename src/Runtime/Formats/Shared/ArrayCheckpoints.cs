using Checkpoint.Storage;

namespace Checkpoint.Formats;

/// <summary>What the facades of the array formats (<see cref="NpyCheckpoint"/>, <see cref="NpzCheckpoint"/>, <see cref="SafeTensorsCheckpoint"/>) share.</summary>
internal static class ArrayCheckpoints
{
    /// <summary>Converts <paramref name="tree"/> (a model, a tree, a tensor) and writes it atomically with <paramref name="write"/>.</summary>
    public static string Save(string path, object tree, bool overwrite, Action<Stream, StateNode> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tree);
        var root = TreeConverter.FromObject(tree);
        return AtomicFile.Write(path, stream => write(stream, root), overwrite, cancellationToken);
    }

    /// <summary>Loads a file's tree into a model with the semantics of <see cref="IStateful.LoadStateDict"/>.</summary>
    public static LoadReport LoadInto(IStateful model, LoadOptions options, Func<string, StateDict> readTree, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = Path.GetFullPath(path);
        var tree = readTree(path);
        // Lead: route through the load planner (the one that msgpack loads go through), reading tensors from the
        // open file straight into the model instead of through this materialised tree.
        return model.LoadStateDict(tree, options with { SourceName = options.SourceName ?? fullPath });
    }
}
