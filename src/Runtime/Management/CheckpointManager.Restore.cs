using System.Globalization;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    /// <summary>
    /// Restores a step into <paramref name="model"/> (and <paramref name="optimizer"/>): the newest intact step by
    /// default, the best one, or a given one. Every candidate is checked first (manifest, sizes, checksums); a
    /// damaged one is skipped, logged and reported in <see cref="RestoreResult.Skipped"/>, and the next candidate
    /// (the previous step, or the next-best) is used. Waits for a background save in flight first.
    /// </summary>
    /// <param name="model">Receives <c>model.msgpack</c> (checked fully before anything changes).</param>
    /// <param name="optimizer">Receives <c>optimizer.msgpack</c>; the step must have one.</param>
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
            (path, options) => MsgPackCheckpoint.Load(path, model, options),
            optimizer is null ? null : (path, options) => MsgPackCheckpoint.Load(path, optimizer, options),
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
            (path, options) => Report(MsgPackCheckpoint.Load(path, model, options, out var report), report),
            optimizer is null ? null : (path, options) => Report(MsgPackCheckpoint.Load(path, optimizer, options, out var report), report),
            selection, loadOptions, cancellationToken);
    }

    /// <summary>Like <see cref="Restore(IStateful, IStateful?, CheckpointSelection?, LoadOptions?, CancellationToken)"/>, but returns null when the directory has no step at all.</summary>
    /// <exception cref="CheckpointException">Steps exist but none is intact.</exception>
    public RestoreResult? TryRestore(
        IStateful model, IStateful? optimizer = null, CheckpointSelection? selection = null,
        LoadOptions? loadOptions = null, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_steps.Count == 0) return null;
        }

        return Restore(model, optimizer, selection, loadOptions, cancellationToken);
    }

    private static LoadReport Report(StateDict _, LoadReport report) => report;

    private RestoreResult RestoreCore(
        Func<string, LoadOptions, LoadReport> loadModel, Func<string, LoadOptions, LoadReport>? loadOptimizer,
        CheckpointSelection? selection, LoadOptions? loadOptions, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        WaitForPending();
        selection ??= CheckpointSelection.Latest;
        loadOptions ??= LoadOptions.Default;
        var candidates = Candidates(selection);
        var skipped = new List<StepVerification>();
        foreach (var record in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var check = StepVerifier.Verify(record.Path, record.Step, checkData: true, cancellationToken);
            if (check.IsIntact)
            {
                var manifest = check.Manifest!;
                if (loadOptimizer is not null && !manifest.Files.ContainsKey(StepNames.OptimizerFile))
                    throw new CheckpointException($"Checkpoint step {record.Step} in {DirectoryPath} has no {StepNames.OptimizerFile}, but an optimizer was given to restore.");
                LoadReport modelReport;
                try
                {
                    modelReport = loadModel(Path.Combine(record.Path, StepNames.ModelFile), loadOptions with { SourceName = null });
                }
                catch (CheckpointFormatException e)
                {
                    // Checksums matched, yet the file does not parse: it was written damaged. Treat it like corruption.
                    check = check with { Problems = [e.Message] };
                    Skip(check, skipped, selection);
                    continue;
                }

                var optimizerReport = loadOptimizer?.Invoke(Path.Combine(record.Path, StepNames.OptimizerFile), loadOptions with { SourceName = null });
                record.KnownIntact = true;
                var reason = Reason(selection, record.Step, manifest, skipped);
                if (_logger is not null && skipped.Count > 0)
                    ManagerLog.StepRestoredAfterFallback(_logger, DirectoryPath, reason);
                else if (_logger is not null)
                    ManagerLog.StepRestored(_logger, DirectoryPath, record.Step, reason);
                return new RestoreResult
                {
                    Step = record.Step,
                    Requested = selection,
                    Reason = reason,
                    Skipped = skipped,
                    Manifest = manifest,
                    ModelReport = modelReport,
                    OptimizerReport = optimizerReport,
                    StepDirectory = record.Path,
                };
            }

            Skip(check, skipped, selection);
            if (!selection.AllowFallback) break;
        }

        var details = string.Join(Environment.NewLine, skipped.Select(s => $"  - step {s.Step}: {s.Summary}"));
        throw new CheckpointException(
            $"No intact checkpoint for {selection} in {DirectoryPath}" + (skipped.Count == 0 ? "." : ":" + Environment.NewLine + details));
    }

    private void Skip(StepVerification check, List<StepVerification> skipped, CheckpointSelection selection)
    {
        skipped.Add(check);
        if (_logger is not null)
            ManagerLog.StepSkipped(_logger, DirectoryPath, check.Step, check.Summary, selection.AllowFallback ? "trying the next candidate" : "fallback is off");
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
