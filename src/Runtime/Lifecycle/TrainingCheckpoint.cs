using System.Diagnostics;
using Checkpoint.Loading;

namespace Checkpoint;

/// <summary>
/// The standard checkpoint layout of the BrainPy guide, as plain maps in one msgpack file:
/// <c>params</c>, <c>long_term</c>, <c>epoch</c>/<c>step</c>, <c>optimizer_state</c>, <c>config</c>, <c>version</c>
/// and <c>metadata</c>. Python reads the files with <c>braintools.file.msgpack_load</c>; no C#-only types are written.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The version written when the caller gives none.</summary>
    public const string DefaultVersion = Migrations.UnversionedVersion;

    /// <summary>Saves a training checkpoint atomically (the guide's <c>save_checkpoint</c>).</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="model">The model: its parameters, long-term state and (when it has one) configuration are saved.</param>
    /// <param name="epoch">The epoch just finished.</param>
    /// <param name="optimizer">An optimizer whose persistent state (moments, step) is saved as <c>optimizer_state</c>.</param>
    /// <param name="metadata">Description, metrics and anything else; date, library version and model type are added.</param>
    /// <param name="version">The checkpoint version of your model code (for <see cref="Migrations"/>).</param>
    /// <param name="step">The global step, if you count one.</param>
    /// <param name="extra">Further state saved under its own top-level keys (a random generator, the best metric, ...).</param>
    /// <param name="writeChecksum">Writes the <c>sha256sum</c>-compatible sidecar <c>path.sha256</c> after the file (the
    /// default), which loads check (<see cref="LoadOptions.VerifyChecksum"/>); see <see cref="SaveOptions.WriteChecksum"/>.</param>
    /// <returns>The full path written.</returns>
    public static string Save(
        string path, IStateful model, int epoch, IStateful? optimizer = null, StateDict? metadata = null,
        string? version = null, long? step = null, IReadOnlyDictionary<string, IStateful>? extra = null, bool writeChecksum = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tree = new StateDict
        {
            [CheckpointKeys.Version] = version ?? DefaultVersion,
            [CheckpointKeys.Epoch] = epoch,
        };
        if (step is { } s) tree[CheckpointKeys.Step] = s;
        tree[CheckpointKeys.Params] = model.ToStateDict(StateKinds.Param);
        var longTerm = model.ToStateDict(StateKinds.LongTerm);
        if (longTerm.Count > 0) tree[CheckpointKeys.LongTerm] = longTerm;
        if (optimizer is not null) tree[CheckpointKeys.OptimizerState] = optimizer.ToStateDict();
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                if (IsReserved(key))
                    throw new ArgumentException($"Extra state cannot use the reserved key '{key}' of the checkpoint layout.", nameof(extra));
                tree[key] = value.ToStateDict();
            }
        }

        if (model is IConfigurable configurable) tree[CheckpointKeys.Config] = configurable.GetConfigDict();
        tree[CheckpointKeys.Metadata] = BuildMetadata(model, metadata);
        return MsgPackCheckpoint.Save(path, tree, options: Checksummed(writeChecksum));
    }

    /// <summary>
    /// Loads a checkpoint written by <see cref="Save"/> into an existing model (and optimizer): migrates the tree to
    /// <paramref name="version"/>, then checks every entry before changing anything (the guide's <c>load_checkpoint</c>).
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="model">Receives <c>params</c> and <c>long_term</c>.</param>
    /// <param name="optimizer">Receives <c>optimizer_state</c>, when given.</param>
    /// <param name="options">Mismatch handling, <see cref="LoadOptions.PathFilter"/> (applied to paths inside <c>params</c>
    /// and <c>long_term</c>: <c>name =&gt; name.StartsWith("encoder.")</c>), <see cref="LoadOptions.SkipShapeMismatches"/>.</param>
    /// <param name="version">The version your code expects; older files are migrated to it. Null: migrate as far as registered steps go.</param>
    /// <param name="migrations">The migration steps; <see cref="Migrations.Global"/> when null.</param>
    /// <param name="extra">Further state to restore from its own top-level keys, as saved by <see cref="Save"/>.</param>
    /// <returns>Epoch, step, metadata, configuration and the load report.</returns>
    public static LoadedCheckpoint Load(
        string path, IStateful model, IStateful? optimizer = null, LoadOptions? options = null,
        string? version = null, Migrations? migrations = null, IReadOnlyDictionary<string, IStateful>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= LoadOptions.Default;
        var started = Stopwatch.GetTimestamp();
        using var file = Open(path, options, version, migrations, out var tree, out var notes);
        var sections = new List<(string Key, IStateful Target, StateKinds Kinds, bool Filtered)>
        {
            (CheckpointKeys.Params, model, StateKinds.Param, true),
        };
        if ((options.Kinds & StateKinds.LongTerm) != 0) sections.Add((CheckpointKeys.LongTerm, model, StateKinds.LongTerm, true));
        if (optimizer is not null) sections.Add((CheckpointKeys.OptimizerState, optimizer, StateKinds.Persistent, false));
        if (extra is not null)
        {
            foreach (var (key, value) in extra) sections.Add((key, value, StateKinds.Persistent, false));
        }

        var report = LoadSections(tree, sections, options, file.FullPath);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return Finish(tree, notes, report);
    }

    /// <summary>
    /// Writes only what inference needs: <c>params</c>, <c>config</c>, <c>metadata</c> (and the <c>version</c>, for
    /// migrations); no optimizer, long-term statistics or epoch (the guide's <c>export_for_inference</c>).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="model">The trained model.</param>
    /// <param name="metadata">Description, accuracy, ...; date, library version and model type are added.</param>
    /// <param name="version">The checkpoint version of your model code.</param>
    /// <param name="writeChecksum">Writes the <c>sha256sum</c>-compatible sidecar <c>path.sha256</c> after the file (the default).</param>
    /// <returns>The written file; <see cref="FileInfo.Length"/> is its size.</returns>
    public static FileInfo ExportForInference(string path, IStateful model, StateDict? metadata = null, string? version = null, bool writeChecksum = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tree = new StateDict
        {
            [CheckpointKeys.Version] = version ?? DefaultVersion,
            [CheckpointKeys.Params] = model.ToStateDict(StateKinds.Param),
        };
        if (model is IConfigurable configurable) tree[CheckpointKeys.Config] = configurable.GetConfigDict();
        tree[CheckpointKeys.Metadata] = BuildMetadata(model, metadata);
        return new FileInfo(MsgPackCheckpoint.Save(path, tree, options: Checksummed(writeChecksum)));
    }

    /// <summary>
    /// Builds a model from the file's <c>config</c> (<c>TModel.FromConfigDict</c>) and loads its parameters, plus its
    /// long-term state when the file has it (the guide's <c>load_for_inference</c>).
    /// </summary>
    /// <typeparam name="TModel">The model type; the generator implements <see cref="IConfigurable{TSelf}"/> for models with <c>[Config]</c> members.</typeparam>
    /// <param name="path">A file written by <see cref="Save"/> or <see cref="ExportForInference"/> (or Python, with the same keys).</param>
    /// <param name="options">As for <see cref="Load"/>; its <see cref="LoadOptions.Mismatch"/> also governs the configuration.</param>
    /// <param name="version">The version your code expects.</param>
    /// <param name="migrations">The migration steps; <see cref="Migrations.Global"/> when null.</param>
    /// <returns>The model and what else the file held; deconstructs as <c>var (net, info) = ...</c>.</returns>
    public static LoadedModel<TModel> LoadModel<TModel>(
        string path, LoadOptions? options = null, string? version = null, Migrations? migrations = null)
        where TModel : IConfigurable<TModel>
    {
        options ??= LoadOptions.Default;
        var started = Stopwatch.GetTimestamp();
        using var file = Open(path, options, version, migrations, out var tree, out var notes);
        if (!tree.TryGetValue(CheckpointKeys.Config, out var configNode) || configNode is not StateDict config)
            throw new CheckpointException($"Checkpoint {file.FullPath} has no '{CheckpointKeys.Config}' map to build a {typeof(TModel).Name} from.");
        StateTree.Materialize(config);
        var model = TModel.FromConfigDict(config, options.Mismatch);
        var sections = new List<(string, IStateful, StateKinds, bool)> { (CheckpointKeys.Params, model, StateKinds.Param, true) };
        if ((options.Kinds & StateKinds.LongTerm) != 0 && tree.ContainsKey(CheckpointKeys.LongTerm))
            sections.Add((CheckpointKeys.LongTerm, model, StateKinds.LongTerm, true));
        var report = LoadSections(tree, sections, options, file.FullPath);
        CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, file.FullPath, started);
        return new LoadedModel<TModel>(model, Finish(tree, notes, report));
    }

    /// <summary>Reads a checkpoint's metadata map without loading anything else (empty when it has none): no tensor is read.</summary>
    /// <param name="path">The checkpoint file.</param>
    public static StateDict ReadMetadata(string path)
    {
        using var file = CheckpointFile.Open(path);
        if (!file.RootMap.TryGetValue(CheckpointKeys.Metadata, out var node) || node is not StateDict metadata) return [];
        StateTree.Materialize(metadata);
        return metadata;
    }

    private static SaveOptions Checksummed(bool writeChecksum) => SaveOptions.Default with { WriteChecksum = writeChecksum };

    private static bool IsReserved(string key) => key is CheckpointKeys.Params or CheckpointKeys.LongTerm or CheckpointKeys.Epoch
        or CheckpointKeys.Step or CheckpointKeys.OptimizerState or CheckpointKeys.Config or CheckpointKeys.Version or CheckpointKeys.Metadata;

    private static StateDict BuildMetadata(IStateful model, StateDict? user)
    {
        var metadata = new StateDict
        {
            [CheckpointKeys.Date] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            [CheckpointKeys.LibraryVersion] = LibraryInfo.Version,
            [CheckpointKeys.ModelType] = model.GetType().Name,
        };
        if (user is not null)
        {
            foreach (var (key, value) in user) metadata[key] = value;
        }

        return metadata;
    }

    // Opens the file lazily (tensors stay in it until the load copies them into the model) and migrates its tree.
    private static CheckpointFile Open(string path, LoadOptions options, string? version, Migrations? migrations, out StateDict tree, out LoadReport notes)
    {
        var file = CheckpointFile.Open(path, options);
        try
        {
            notes = new LoadReport();
            tree = (migrations ?? Migrations.Global).Migrate(file.RootMap, version, notes);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // All sections are planned together, so a mismatch anywhere leaves everything unchanged. Each section claims its
    // key of the root whole; the path filter sees paths inside params and long_term (encoder.weight), not the others.
    private static LoadReport LoadSections(
        StateDict tree, IEnumerable<(string Key, IStateful Target, StateKinds Kinds, bool Filtered)> sections,
        LoadOptions options, string fullPath)
    {
        var planner = new LoadPlanner(options with { Kinds = StateKinds.All, SourceName = options.SourceName ?? fullPath }, CancellationToken.None);
        planner.BeginRoot(tree, LoadPlanner.Wording.Model, reportUnexpected: false);
        foreach (var (key, target, kinds, filtered) in sections)
        {
            planner.EnterSection(key, filtered);
            ModelTarget.Plan(planner, target, kinds);
            planner.Exit();
        }

        return planner.Apply();
    }

    private static LoadedCheckpoint Finish(StateDict tree, LoadReport notes, LoadReport report)
    {
        report.Include(notes);
        var epoch = tree.TryGetValue(CheckpointKeys.Epoch, out var e) && e is IntegerNode epochNode ? (int)epochNode.Value : -1;
        long? step = tree.TryGetValue(CheckpointKeys.Step, out var s) && s is IntegerNode stepNode ? (long)stepNode.Value : null;
        var metadata = tree.TryGetValue(CheckpointKeys.Metadata, out var m) && m is StateDict meta ? meta : [];
        var config = tree.TryGetValue(CheckpointKeys.Config, out var c) && c is StateDict map ? map : null;
        // Returned to the caller, so they must outlive the file.
        StateTree.Materialize(metadata);
        if (config is not null) StateTree.Materialize(config);
        return new LoadedCheckpoint(epoch, step, Migrations.VersionOf(tree), metadata, config, report);
    }
}
