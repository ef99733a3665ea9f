using Checkpoint.Formats;
using Checkpoint.Formats.MsgPack;
using Checkpoint.Loading;
using Checkpoint.Storage;

namespace Checkpoint;

public static partial class MsgPackCheckpoint
{
    /// <summary>
    /// Saves <paramref name="tree"/> as the object <paramref name="name"/> of <paramref name="storage"/> (the local disk,
    /// Azure Blob Storage, S3): written whole or not at all, as <see cref="Save(string, object, bool, SaveOptions?, CancellationToken)"/> writes a file. Object stores upload
    /// it in parallel blocks while it is written. With <see cref="SaveOptions.WriteChecksum"/> the object
    /// <c>name.sha256</c> follows it.
    /// </summary>
    /// <param name="storage">Where to write.</param>
    /// <param name="name">The object's name (<c>models/net.msgpack</c>).</param>
    /// <param name="tree">What to save (see <see cref="Save(string, object, bool, SaveOptions?, CancellationToken)"/>).</param>
    /// <param name="overwrite">When false and the object exists, throws <c>Checkpoint already exists: &lt;location&gt;</c>.</param>
    /// <param name="options">Chunking, progress (bytes written), the state kinds of models and the checksum sidecar.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is published.</param>
    /// <returns>The committed object.</returns>
    /// <exception cref="CheckpointException">The object exists and <paramref name="overwrite"/> is false, a value cannot be saved, or the storage failed.</exception>
    public static StorageObjectInfo Save(
        ObjectStorage storage, string name, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SaveOptions.Default;
        var root = ToRoot(tree, options);
        return WriteObject(storage, name, root, overwrite, options, cancellationToken);
    }

    /// <summary>
    /// <see cref="Save(ObjectStorage, string, object, bool, SaveOptions?, CancellationToken)"/> in the background: the tree
    /// is converted and snapshot before this returns (the caller may change it at once); the bytes are written and
    /// uploaded on a background task whose commit is awaited.
    /// </summary>
    /// <exception cref="CheckpointException">The save failed (the task faults with it).</exception>
    public static async Task<StorageObjectInfo> SaveAsync(
        ObjectStorage storage, string name, object tree, bool overwrite = true, SaveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        StorageNames.Validate(name);
        options ??= SaveOptions.Default;
        var root = ToRoot(tree, options);
        StorageObjectInfo? written = null;
        var saver = new BackgroundSaver(options.Logger, reuseSnapshots: false);
        var write = saver.Start(storage.LocationOf(name), [root],
            snapshot => written = WriteObject(storage, name, snapshot[0]!, overwrite, options, cancellationToken), cancellationToken);
        await Task.WhenAny(write).ConfigureAwait(false);
        // Observed through the saver, so the failure carries the same message as every background save.
        saver.Wait();
        return written!;
    }

    /// <summary>Opens a checkpoint object lazily (see <see cref="CheckpointFile.Open(ObjectStorage, string, LoadOptions?, CancellationToken)"/>).</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The object is not a valid checkpoint.</exception>
    public static CheckpointFile Open(ObjectStorage storage, string name, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        CheckpointFile.Open(storage, name, options, cancellationToken);

    /// <summary>Reads a whole object without a target (see <see cref="Load(string, CancellationToken)"/>).</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The object is not a valid checkpoint.</exception>
    public static StateNode Load(ObjectStorage storage, string name, CancellationToken cancellationToken = default)
    {
        using var file = CheckpointFile.Open(storage, name, null, cancellationToken);
        StateTree.Materialize(file.Root, cancellationToken);
        return file.Root;
    }

    /// <summary>
    /// Loads an object of a storage into a model (see <see cref="Load(string, IStateful, LoadOptions, CancellationToken)"/>):
    /// the structure is read through a buffered ranged reader and checked against the model first, then each array
    /// is read straight into the model's memory (one ranged read per large array; small ones share read-ahead windows).
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    /// <exception cref="CheckpointFormatException">The object is not a valid checkpoint, or does not match its sidecar.</exception>
    public static LoadReport Load(ObjectStorage storage, string name, IStateful model, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= LoadOptions.Default;
        using var file = CheckpointFile.Open(storage, name, options, cancellationToken);
        return ModelTarget.Load(model, RootMapOfModel(file.Root, file.FullPath), WithSource(options, file.FullPath), cancellationToken);
    }

    /// <summary>
    /// The asynchronous form of <see cref="Load(ObjectStorage, string, IStateful, LoadOptions?, CancellationToken)"/>: the
    /// object is downloaded with asynchronous I/O (one streaming read; <see cref="LoadOptions.Progress"/> receives the
    /// bytes downloaded), kept in memory in 1 MiB pieces, then checked and copied into the model without further I/O.
    /// It needs memory for the whole object while it runs; the synchronous form reads arrays lazily instead.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    /// <exception cref="CheckpointFormatException">The object is not a valid checkpoint, or does not match its sidecar.</exception>
    public static async Task<LoadReport> LoadAsync(
        ObjectStorage storage, string name, IStateful model, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(model);
        options ??= LoadOptions.Default;
        var location = storage.LocationOf(name);
        if (options.VerifyChecksum)
            ChecksumSidecar.ThrowIfMismatch(await ChecksumSidecar.VerifyAsync(storage, name, cancellationToken).ConfigureAwait(false), location);
        Stream copy;
        var source = await storage.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            copy = await SeekableCopy.FromAsync(source, options.Progress, cancellationToken).ConfigureAwait(false);
        }

        using (copy)
        {
            return Load(copy, model, options with { SourceName = options.SourceName ?? location, Progress = null }, cancellationToken);
        }
    }

    /// <summary>Restores a typed template tree from an object of a storage (see <see cref="Restore{T}(string, T, LoadOptions, out LoadReport, CancellationToken)"/>).</summary>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static T Restore<T>(ObjectStorage storage, string name, T template, LoadOptions options, out LoadReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var file = CheckpointFile.Open(storage, name, options, cancellationToken);
        return TemplateTarget.Restore(template, file.Root, WithSource(options, file.FullPath), cancellationToken, out report);
    }

    /// <summary>Restores a typed template tree from an object of a storage under <see cref="Mismatch.Error"/>.</summary>
    /// <exception cref="StateMismatchException">Problems were found; nothing changed.</exception>
    public static T Restore<T>(ObjectStorage storage, string name, T template) =>
        Restore(storage, name, template, LoadOptions.Default, out _);

    /// <summary>Writes an object of a storage durably, with its checksum sidecar kept true (the storage form of <see cref="WriteRoot"/>).</summary>
    internal static StorageObjectInfo WriteObject(ObjectStorage storage, string name, StateNode root, bool overwrite, SaveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var writeOptions = new StorageWriteOptions { Overwrite = overwrite };
        var stream = storage is LocalFileStorage local
            ? local.Create(name, writeOptions)
            : storage.CreateAsync(name, writeOptions, cancellationToken).GetAwaiter().GetResult();
        using var write = new ChecksummedWrite(stream, SidecarOf(options), new SidecarPlace.NextToObject(storage, name));
        MsgPackWriter.Write(write.Target, root, options, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return write.Commit(cancellationToken);
    }
}
