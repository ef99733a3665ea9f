using Checkpoint.Storage;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint;

public static partial class MsgPackCheckpoint
{
    /// <summary>
    /// Saves <paramref name="tree"/> to <paramref name="path"/> atomically: a model (its persistent state), a
    /// state dictionary, or a plain tree of dictionaries, lists, tensors, scalars, quantities and registered types
    /// (see <see cref="TreeConverter.FromObject"/>). Missing directories are created. Tensors are written from the
    /// caller's memory, so the tree must not change until this returns (use <see cref="AsyncCheckpointer"/> for
    /// background saves of a snapshot).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tree">What to save.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="options">Chunking, progress and the state kinds of models.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">The file exists and <paramref name="overwrite"/> is false, or a value cannot be saved.</exception>
    public static string Save(
        string path, object tree, bool overwrite = true, MsgPackSaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= MsgPackSaveOptions.Default;
        var root = ToRoot(tree, options);
        return WriteRoot(path, root, overwrite, options, cancellationToken);
    }

    /// <summary>
    /// <see cref="Save"/> on a background thread. The tree is converted before this returns, but tensor bytes are
    /// read while writing: do not change them until the task completes (or use <see cref="AsyncCheckpointer"/>).
    /// </summary>
    public static Task<string> SaveAsync(
        string path, object tree, bool overwrite = true, MsgPackSaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= MsgPackSaveOptions.Default;
        var root = ToRoot(tree, options);
        return Task.Run(() => WriteRoot(path, root, overwrite, options, cancellationToken), cancellationToken);
    }

    /// <summary>The tree to write: models by the requested kinds, everything else as <see cref="TreeConverter"/> says.</summary>
    internal static StateNode ToRoot(object tree, MsgPackSaveOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return tree is IStateful model && !CustomTypeRegistry.TryGet(tree.GetType(), out _)
            ? model.ToStateDict(options.Kinds)
            : TreeConverter.FromObject(tree);
    }

    internal static string WriteRoot(string path, StateNode root, bool overwrite, MsgPackSaveOptions options, CancellationToken cancellationToken)
    {
        var writeOptions = options.ToWriteOptions();
        return AtomicFile.Write(path, stream => MsgPackWriter.Write(stream, root, writeOptions, cancellationToken), overwrite, cancellationToken);
    }
}
