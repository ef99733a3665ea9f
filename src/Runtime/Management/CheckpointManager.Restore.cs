using System.Diagnostics;
using System.Globalization;
using Checkpoint.Formats;
using Checkpoint.Loading;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    /// <summary>
    /// Restores a step into <paramref name="model"/> (and <paramref name="optimizer"/>): the newest intact step by
    /// default, the best one, or a given one. Every candidate is checked first (manifest, sizes, checksums); a
    /// damaged one is skipped, logged and reported in <see cref="RestoreResult.Skipped"/>, and the next candidate
    /// (the previous step, or the next-best) is used. Waits for a background save in flight first. A sharded step is
    /// restored from the shards that hold what the load asks for (all of them, unless <see cref="LoadOptions.PathFilter"/>
    /// selects fewer), whatever the number of processes that saved it or restore it.
    /// </summary>
    /// <param name="model">Receives <c>model.msgpack</c> (or the model shards; checked fully before anything changes).</param>
    /// <param name="optimizer">Receives <c>optimizer.msgpack</c> (or the optimizer shards); the step must have one.</param>
    /// <param name="selection">Which step (default <see cref="CheckpointSelection.Latest"/>).</param>
    /// <param name="loadOptions">How mismatches between the files and the model are treated (default: error).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <exception cref="CheckpointNotFoundException">The directory has no step (or not the requested one).</exception>
    /// <exception cref="CheckpointException">No candidate is intact (the message lists what is wrong with each), or the step has no optimizer file.</exception>
    /// <exception cref="StateMismatchException">The files do not fit the model under <see cref="Mismatch.Error"/>; nothing was changed.</exception>
    public RestoreResult Restore(
        IStateful model, IStateful? optimizer = null, CheckpointSelection? selection = null,
        LoadOptions? loadOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RestoreCore(
            (source, options) => ArrayCheckpoints.LoadInto(model, options, source.Root, source.Name, cancellationToken),
            optimizer is null ? null : (source, options) => ArrayCheckpoints.LoadInto(optimizer, options, source.Root, source.Name, cancellationToken),
            selection, loadOptions, cancellationToken);
    }

    /// <summary>Restores into state-dictionary templates (tensors filled in place); otherwise as the model overload.</summary>
    /// <exception cref="CheckpointNotFoundException">The directory has no step (or not the requested one).</exception>
    /// <exception cref="CheckpointException">No candidate is intact, or the step has no optimizer file.</exception>
    public RestoreResult Restore(
        StateDict model, StateDict? optimizer = null, CheckpointSelection? selection = null,
        LoadOptions? loadOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RestoreCore(
            (source, options) => IntoTemplate(model, source, options, cancellationToken),
            optimizer is null ? null : (source, options) => IntoTemplate(optimizer, source, options, cancellationToken),
            selection, loadOptions, cancellationToken);
    }

    /// <summary>Like <see cref="Restore(IStateful, IStateful?, CheckpointSelection?, LoadOptions?, CancellationToken)"/>, but returns null when the directory has no step at all.</summary>
    /// <exception cref="CheckpointException">Steps exist but none is intact.</exception>
    public RestoreResult? TryRestore(
        IStateful model, IStateful? optimizer = null, CheckpointSelection? selection = null,
        LoadOptions? loadOptions = null, CancellationToken cancellationToken = default)
    {
        RefreshIfParticipant();
        lock (_sync)
        {
            if (_steps.Count == 0) return null;
        }

        return Restore(model, optimizer, selection, loadOptions, cancellationToken);
    }

    private static LoadReport IntoTemplate(StateDict template, StepReader source, LoadOptions options, CancellationToken cancellationToken)
    {
        TemplateTarget.Restore(template, source.Root, options.SourceName is null ? options with { SourceName = source.Name } : options, cancellationToken, out var report);
        return report;
    }

    private RestoreResult RestoreCore(
        Func<StepReader, LoadOptions, LoadReport> loadModel, Func<StepReader, LoadOptions, LoadReport>? loadOptimizer,
        CheckpointSelection? selection, LoadOptions? loadOptions, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        WaitForPending();
        RefreshIfParticipant();
        selection ??= CheckpointSelection.Latest;
        loadOptions ??= LoadOptions.Default;
        var options = loadOptions with { SourceName = null };
        var started = Stopwatch.GetTimestamp();
        var candidates = Candidates(selection);
        var skipped = new List<StepVerification>();
        foreach (var record in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only the files this load reads are hashed whole (all of a plain step; the needed shards of a sharded one).
            var needed = record.Manifest is { } known ? NeededFiles(known, options, loadOptimizer is not null) : null;
            var check = Wait(StepVerifier.VerifyAsync(Storage, record.Step, checkData: true, needed is null ? null : needed.Contains, cancellationToken));
            if (check.IsIntact)
            {
                var manifest = check.Manifest!;
                if (loadOptimizer is not null && !StepReader.Has(manifest, ShardPart.Optimizer))
                    throw new CheckpointException($"Checkpoint step {record.Step} in {DirectoryPath} has no {StepNames.OptimizerFile}, but an optimizer was given to restore.");
                LoadReport modelReport;
                try
                {
                    using var source = StepReader.Open(Storage, manifest, ShardPart.Model, options.PathFilter, cancellationToken);
                    modelReport = loadModel(source, options);
                }
                catch (CheckpointFormatException e)
                {
                    // Checksums matched, yet the file does not parse: it was written damaged. Treat it like corruption.
                    check = check with { Problems = [e.Message] };
                    Skip(check, skipped, selection);
                    continue;
                }

                LoadReport? optimizerReport = null;
                if (loadOptimizer is not null)
                {
                    using var source = StepReader.Open(Storage, manifest, ShardPart.Optimizer, null, cancellationToken);
                    optimizerReport = loadOptimizer(source, options);
                }

                record.KnownIntact = true;
                // One measurement per restore (the candidates checked and the files loaded), sized by the files read.
                CheckpointMetrics.Loaded(CheckpointMetrics.MsgPack, BytesRead(manifest, options, loadOptimizer is not null), started);
                var reason = Reason(selection, record.Step, manifest, skipped);
                if (_logger is not null)
                {
                    if (skipped.Count > 0) ManagerLog.RestoredAfterFallback(_logger, DirectoryPath, reason);
                    else ManagerLog.Restored(_logger, DirectoryPath, record.Step, reason);
                }

                return new RestoreResult
                {
                    Step = record.Step,
                    Requested = selection,
                    Reason = reason,
                    Skipped = skipped,
                    Manifest = manifest,
                    ModelReport = modelReport,
                    OptimizerReport = optimizerReport,
                    StepDirectory = GetStepDirectory(record.Step),
                };
            }

            Skip(check, skipped, selection);
            if (!selection.AllowFallback) break;
        }

        var details = string.Join(Environment.NewLine, skipped.Select(s => $"  - step {s.Step}: {s.Summary}"));
        throw new CheckpointException(
            $"No intact checkpoint for {selection} in {DirectoryPath}" + (skipped.Count == 0 ? "." : ":" + Environment.NewLine + details));
    }

    // A plain step's files are all read; a sharded step's, only the shards the load reads.
    private static long BytesRead(StepManifest manifest, LoadOptions options, bool withOptimizer) =>
        StepReader.FilesFor(manifest, ShardPart.Model, options.PathFilter)
            .Concat(withOptimizer ? StepReader.FilesFor(manifest, ShardPart.Optimizer, null) : [])
            .Sum(name => manifest.Files.TryGetValue(name, out var file) ? file.Size : 0);

    private static HashSet<string>? NeededFiles(StepManifest manifest, LoadOptions options, bool withOptimizer)
    {
        if (manifest.Sharding is null) return null;
        var needed = new HashSet<string>(StepReader.FilesFor(manifest, ShardPart.Model, options.PathFilter), StringComparer.Ordinal);
        if (withOptimizer) needed.UnionWith(StepReader.FilesFor(manifest, ShardPart.Optimizer, null));
        return needed;
    }

    private void Skip(StepVerification check, List<StepVerification> skipped, CheckpointSelection selection)
    {
        skipped.Add(check);
        if (_logger is not null)
            ManagerLog.Skipped(_logger, DirectoryPath, check.Step, check.Summary, selection.AllowFallback ? "trying the next candidate" : "fallback is off");
    }

    private List<StepRecord> Candidates(CheckpointSelection selection)
    {
        lock (_sync)
        {
            switch (selection.Kind)
            {
                case CheckpointSelectionKind.Latest:
                    if (_steps.Count == 0) throw new CheckpointNotFoundException(DirectoryPath);
                    return _steps.Values.Reverse().ToList();
                case CheckpointSelectionKind.Best:
                    var metric = Options.BestMetric
                        ?? throw new CheckpointException($"Cannot restore the best checkpoint of {DirectoryPath}: no BestMetric is configured.");
                    var best = RetentionPolicy.BestFirst(Manifests(), metric, Options.BestMode).Select(m => _steps[m.Step]).ToList();
                    if (best.Count == 0) throw new CheckpointException($"Cannot restore the best checkpoint of {DirectoryPath}: no step has the metric '{metric}'.");
                    return best;
                default:
                    var step = selection.Step!.Value;
                    if (!_steps.ContainsKey(step)) throw new CheckpointNotFoundException(GetStepDirectory(step));
                    return _steps.Values.Where(r => r.Step <= step).Reverse().ToList();
            }
        }
    }

    private string Reason(CheckpointSelection selection, long step, StepManifest manifest, List<StepVerification> skipped)
    {
        var what = selection.Kind switch
        {
            CheckpointSelectionKind.Latest => "the newest intact step",
            CheckpointSelectionKind.Best => $"the best intact step by {Options.BestMetric} ({Options.BestMode.ToString().ToLowerInvariant()}) = "
                + (RetentionPolicy.MetricOf(manifest, Options.BestMetric!)?.ToString("R", CultureInfo.InvariantCulture) ?? "?"),
            _ => skipped.Count == 0 ? "the requested step" : $"the newest intact step before the requested step {selection.Step}",
        };
        if (skipped.Count == 0) return $"step {step}: {what}";
        var damaged = string.Join("; ", skipped.Select(s => $"step {s.Step} is corrupt ({s.Summary})"));
        return $"{damaged}; fell back to step {step}, {what}";
    }
}
