using System.Diagnostics;
using Checkpoint.Formats;
using Checkpoint.Formats.MsgPack;
using Checkpoint.Loading;

namespace Checkpoint;

public static partial class MsgPackCheckpoint
{
    /// <summary>
    /// Opens a checkpoint file without reading its arrays: the whole structure, checked, with arrays read on request
    /// (see <see cref="CheckpointFile"/>). Dispose it to close the file.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static CheckpointFile Open(string path, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        CheckpointFile.Open(path, options, cancellationToken);

    /// <summary>
    /// Reads a whole file without a target (braintools' <c>msgpack_load(path)</c>): the root node, which is a
    /// <see cref="StateDict"/> for every checkpoint this library or braintools writes from a dictionary, and a
    /// leaf for files whose top level is a bare value. Lists come back as maps with keys "0", "1", ....
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist (<c>Checkpoint not found: &lt;path&gt;</c>).</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static StateNode Load(string path, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = CheckpointFile.Open(path, null, cancellationToken);
        StateTree.Materialize(file.Root);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return file.Root;
    }

    /// <summary>Reads a whole object from a stream (see <see cref="Load(string, CancellationToken)"/>).</summary>
    /// <exception cref="CheckpointFormatException">The data is not a valid checkpoint.</exception>
    public static StateNode Load(Stream source, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        MsgPackReader.Read(source, options, cancellationToken);

    /// <summary>Reads a whole file whose root is a map (every model checkpoint).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointException">The root is not a map, or the file is not a valid checkpoint.</exception>
    public static StateDict LoadStateDict(string path, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var file = CheckpointFile.Open(path, null, cancellationToken);
        var map = file.RootMap;
        StateTree.Materialize(map);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return map;
    }

    /// <summary>
    /// Loads a file into a model, with the semantics of <see cref="IStateful.LoadStateDict"/>: every entry is
    /// checked first (shape, dtype, unit, missing, unexpected); under <see cref="Mismatch.Error"/> any problem
    /// throws and nothing changes. Array bytes are then copied from the file straight into the model's tensors;
    /// the file is never held in memory.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, Mismatch mismatch = Mismatch.Error) =>
        Load(path, model, LoadOptions.Default with { Mismatch = mismatch });

    /// <summary>Loads a file into a model with full <see cref="LoadOptions"/> (filter, kinds, logger, skipped shapes, progress).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; if the copies had started, some tensors hold new values.</exception>
    public static LoadReport Load(string path, IStateful model, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var file = CheckpointFile.Open(path, options, cancellationToken);
        var report = ModelTarget.Load(model, RootMapOfModel(file.Root, file.FullPath), WithSource(options, file.FullPath), cancellationToken);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return report;
    }

    /// <summary>
    /// Loads a checkpoint from a stream into a model (see <see cref="Load(string, IStateful, LoadOptions, CancellationToken)"/>).
    /// A seekable stream is read twice (structure, then array bytes straight into the model); one that cannot seek
    /// is read once, arrays into memory.
    /// </summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(Stream source, IStateful model, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        options ??= LoadOptions.Default;
        var root = ParseStream(source, options, cancellationToken);
        return ModelTarget.Load(model, RootMapOfModel(root, options.SourceName ?? "The stream"), options, cancellationToken);
    }

    /// <summary>
    /// Restores a state-dictionary template from a file (braintools' <c>msgpack_load(path, target=dict)</c>): tensors
    /// are filled in place, other leaves replaced; keys missing from the file keep the template's value under
    /// <see cref="Mismatch.Warn"/> and <see cref="Mismatch.Ignore"/>. Returns <paramref name="target"/>.
    /// </summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static StateDict Load(string path, StateDict target, Mismatch mismatch = Mismatch.Error) =>
        Restore(path, target, LoadOptions.Default with { Mismatch = mismatch }, out _);

    /// <summary>Restores a state-dictionary template with full options, reporting what happened.</summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static StateDict Load(string path, StateDict target, LoadOptions options, out LoadReport report) =>
        Restore(path, target, options, out report);

    /// <summary>
    /// Restores a typed template tree from a file (braintools' <c>msgpack_load(path, target=template)</c>), such as
    /// <c>new Dictionary&lt;string, object?&gt; { ["weights"] = NdArray&lt;float&gt;.Zeros(2, 2), ["config"] = ... }</c>.
    /// Dictionaries, lists, models and tensors are restored in place; numbers, strings, quantities and registered
    /// custom types are replaced in their container (converted to the template's type, exactly). Returns the
    /// restored tree: the template itself unless its root is a replaced leaf or a registered custom type.
    /// </summary>
    /// <remarks>Named <c>Restore</c>, not <c>Load</c>, so that <c>Load(path, model)</c> always picks the model overload.</remarks>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static T Restore<T>(string path, T template, Mismatch mismatch = Mismatch.Error) =>
        Restore(path, template, LoadOptions.Default with { Mismatch = mismatch }, out _);

    /// <summary>Restores a typed template tree with full options, reporting what happened.</summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static T Restore<T>(string path, T template, LoadOptions options, out LoadReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var file = CheckpointFile.Open(path, options, cancellationToken);
        var restored = TemplateTarget.Restore(template, file.Root, WithSource(options, file.FullPath), cancellationToken, out report);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return restored;
    }

    /// <summary>Restores a typed template tree from a stream (see <see cref="Restore{T}(string, T, LoadOptions, out LoadReport, CancellationToken)"/>).</summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static T Restore<T>(Stream source, T template, LoadOptions options, out LoadReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        return TemplateTarget.Restore(template, ParseStream(source, options, cancellationToken), options, cancellationToken, out report);
    }

    // The structure of a stream, arrays left in it when it can seek (read while the load runs, which owns no
    // stream of its own), else read as they pass.
    private static StateNode ParseStream(Stream source, LoadOptions options, CancellationToken cancellationToken) =>
        MsgPackReader.Parse(
            source, source.CanSeek ? new RandomAccessSource(source, options.SourceName ?? "the stream", ownsStream: false, start: 0) : null, options, cancellationToken);

    private static StateDict RootMapOfModel(StateNode root, string name) => root as StateDict
        ?? throw new CheckpointException($"Checkpoint {name} holds {Generated.TensorLoads.Describe(root)} at the root, not a map of model state.");

    private static LoadOptions WithSource(LoadOptions options, string fullPath) =>
        options.SourceName is null ? options with { SourceName = fullPath } : options;
}
