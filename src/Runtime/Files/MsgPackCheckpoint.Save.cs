using System.Diagnostics;
using Checkpoint.Formats.MsgPack;
using Checkpoint.Storage;

namespace Checkpoint;

public static partial class MsgPackCheckpoint
{
    /// <summary>
    /// Saves <paramref name="tree"/> to <paramref name="path"/> atomically: a model (its persistent state), a
    /// state dictionary, or a plain tree of dictionaries, lists, tensors, scalars, quantities and registered types
    /// (see <see cref="TreeConverter.FromObject"/>). Missing directories are created. Tensors are written from the
    /// caller's memory, so the tree must not change until this returns (<see cref="SaveAsync(string, object, bool, SaveOptions?, CancellationToken)"/> and
    /// <see cref="AsyncCheckpointer"/> save a snapshot in the background).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tree">What to save.</param>
    /// <param name="overwrite">When false and the file exists, throws <c>Checkpoint already exists: &lt;path&gt;</c>.</param>
    /// <param name="options">Chunking, progress and the state kinds of models.</param>
    /// <param name="cancellationToken">Cancels the write; the previous file, if any, is kept.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="CheckpointException">The file exists and <paramref name="overwrite"/> is false, or a value cannot be saved.</exception>
    public static string Save(
        string path, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SaveOptions.Default;
        var root = ToRoot(tree, options);
        return WriteRoot(path, root, overwrite, options, cancellationToken);
    }

    /// <summary>
    /// <see cref="Save(string, object, bool, SaveOptions?, CancellationToken)"/> in the background: the tree is converted and snapshot (each array copied once, in bulk)
    /// before this returns, so the caller may change it at once; the write runs on a background task.
    /// </summary>
    public static Task<string> SaveAsync(
        string path, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SaveOptions.Default;
        var root = ToRoot(tree, options);
        var fullPath = Path.GetFullPath(path);
        var saver = new BackgroundSaver(options.Logger, reuseSnapshots: false);
        var write = saver.Start(fullPath, [root], snapshot => WriteRoot(fullPath, snapshot[0]!, overwrite, options, cancellationToken), cancellationToken);
        return write.ContinueWith(
            task =>
            {
                // Observed through the saver, so the failure carries the same message as every background save.
                saver.Wait();
                return fullPath;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The tree to write: models by the requested kinds, everything else as <see cref="TreeConverter"/> says.</summary>
    internal static StateNode ToRoot(object tree, SaveOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return tree is IStateful model && !CustomTypeRegistry.TryGet(tree.GetType(), out _)
            ? model.ToStateDict(options.Kinds)
            : TreeConverter.FromObject(tree);
    }

    internal static string WriteRoot(string path, StateNode root, bool overwrite, SaveOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var written = AtomicFile.Write(path, stream => MsgPackWriter.Write(stream, root, options, cancellationToken), overwrite, SidecarOf(options), cancellationToken);
        CheckpointMetrics.Saved(CheckpointMetrics.MsgPack, written, started);
        return written;
    }

    /// <summary>What a file save does with the checksum sidecar: always removes a stale one; writes one when asked.</summary>
    internal static FileSidecar SidecarOf(SaveOptions options) => options.WriteChecksum ? FileSidecar.Write : FileSidecar.Remove;
}
