using Checkpoint.Storage;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint;

public static partial class MsgPackCheckpoint
{
    private const int ReadBufferSize = 1 << 16;

    /// <summary>
    /// Reads a whole file without a target (braintools' <c>msgpack_load(path)</c>): the root node, which is a
    /// <see cref="StateDict"/> for every checkpoint this library or braintools writes from a dictionary, and a
    /// leaf for files whose top level is a bare value. Lists come back as maps with keys "0", "1", ....
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist (<c>Checkpoint not found: &lt;path&gt;</c>).</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static StateNode Load(string path, CancellationToken cancellationToken = default)
    {
        using var stream = OpenRead(path, out var fullPath);
        return MsgPackReader.Read(stream, new MsgPackReadOptions { FileName = fullPath }, cancellationToken);
    }

    /// <summary>Reads a whole file whose root is a map (every model checkpoint).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointException">The root is not a map, or the file is not a valid checkpoint.</exception>
    public static StateDict LoadStateDict(string path, CancellationToken cancellationToken = default)
    {
        var root = Load(path, cancellationToken);
        return root as StateDict
            ?? throw new CheckpointException($"Checkpoint {Path.GetFullPath(path)} holds {TensorLoading.Describe(root)} at the root, not a map.");
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

    /// <summary>Loads a file into a model with full <see cref="LoadOptions"/> (filter, kinds, logger, skipped shapes).</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>.</exception>
    public static LoadReport Load(string path, IStateful model, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        using var stream = OpenRead(path, out var fullPath);
        var source = IndexSource(stream, fullPath);
        if (source.MapEntries(source.Root) is null)
            throw new CheckpointException($"Checkpoint {fullPath} holds {source.Describe(source.Root)} at the root, not a map of model state.");
        return SourceStateLoader.Load(model.States(StateKinds.All), source, options with { SourceName = options.SourceName ?? fullPath });
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
    public static T Restore<T>(string path, T template, LoadOptions options, out LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stream = OpenRead(path, out var fullPath);
        options = options with { SourceName = options.SourceName ?? fullPath };
        var source = IndexSource(stream, fullPath);
        report = new LoadReport();
        var restorer = new TemplateRestorer(source, options, report);
        var replacement = restorer.Plan(template, source.Root, []);
        SourceStateLoader.Finish(report, restorer.Applies, options);
        return replacement is null ? template : (T)replacement()!;
    }

    private static IndexLoadSource IndexSource(Stream stream, string fullPath)
    {
        var index = MsgPackReader.ReadIndex(stream, new MsgPackReadOptions { FileName = fullPath });
        return new IndexLoadSource(index, stream, fullPath);
    }

    private static FileStream OpenRead(string path, out string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fullPath = Path.GetFullPath(path);
        if (AtomicFile.IsTemporaryFile(fullPath))
            throw new CheckpointException($"{fullPath} is the temporary file of an unfinished save, not a checkpoint.");
        try
        {
            return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointNotFoundException(fullPath, e);
        }
    }
}
