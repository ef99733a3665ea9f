using System.Diagnostics;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, object?> NoMetadata = new Dictionary<string, object?>();

    // Sync saves take the same gate as the background saver, so a sync save never overlaps a background one.
    private BackgroundSaver? _saver;

    private BackgroundSaver Saver => LazyInitializer.EnsureInitialized(ref _saver, () => new BackgroundSaver(_logger, reuseSnapshots: true));

    /// <summary>
    /// Saves <paramref name="model"/> (and <paramref name="optimizer"/>) as <paramref name="step"/> when
    /// <see cref="ShouldSave"/> says so or <paramref name="force"/> is set, then applies retention. An existing
    /// step with the same number is replaced atomically. In <see cref="CheckpointManagerOptions.Async"/> mode the
    /// state is snapshot and written in the background (after the previous background save has finished).
    /// </summary>
    /// <param name="step">The training step (non-negative).</param>
    /// <param name="model">The model; its <see cref="Checkpoint.SaveOptions.Kinds"/> state goes to <c>model.msgpack</c>.</param>
    /// <param name="optimizer">An optional optimizer, saved to <c>optimizer.msgpack</c>.</param>
    /// <param name="metrics">Metrics recorded in the manifest (the best metric ranks steps).</param>
    /// <param name="metadata">Anything else to record: strings, numbers, booleans, dates, lists and dictionaries of them.</param>
    /// <param name="force">Saves even when <see cref="ShouldSave"/> is false.</param>
    /// <param name="cancellationToken">Cancels the save; earlier steps stay as they were.</param>
    /// <returns>True when the step was saved (or, in async mode, started); false when it was not due.</returns>
    /// <exception cref="CheckpointException">
    /// The save failed (the message names the step and the cause, for example a full disk; earlier steps are
    /// intact and no partial step is left), or the previous background save failed (it is the inner exception).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public bool Save(
        long step,
        IStateful model,
        IStateful? optimizer = null,
        IReadOnlyDictionary<string, double>? metrics = null,
        IReadOnlyDictionary<string, object?>? metadata = null,
        bool force = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kinds = Options.SaveOptions.Kinds;
        return SaveTrees(step, model.ToStateDict(kinds), optimizer?.ToStateDict(kinds), metrics, metadata, force, cancellationToken);
    }

    /// <summary>Saves state dictionaries as <paramref name="step"/>; otherwise as the model overload.</summary>
    /// <exception cref="CheckpointException">The save failed; see the model overload.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public bool Save(
        long step,
        StateDict model,
        StateDict? optimizer = null,
        IReadOnlyDictionary<string, double>? metrics = null,
        IReadOnlyDictionary<string, object?>? metadata = null,
        bool force = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SaveTrees(step, model, optimizer, metrics, metadata, force, cancellationToken);
    }

    /// <summary>Blocks until the background save in flight (if any) has finished; rethrows its failure.</summary>
    public void Wait()
    {
        ThrowIfDisposed();
        WaitForPending();
    }

    /// <summary>Completes when the background save in flight (if any) has finished; rethrows its failure.</summary>
    public Task WaitAsync()
    {
        ThrowIfDisposed();
        return WaitForPendingAsync();
    }

    /// <summary>Whether a background save is still running.</summary>
    public bool IsSaving => _saver?.IsSaving ?? false;

    private bool SaveTrees(
        long step, StateDict model, StateDict? optimizer, IReadOnlyDictionary<string, double>? metrics,
        IReadOnlyDictionary<string, object?>? metadata, bool force, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        StepNames.Validate(step);
        if (!force && !ShouldSave(step)) return false;
        var metricsCopy = new Dictionary<string, double>(metrics ?? NoMetrics);
        var metadataCopy = new Dictionary<string, object?>(metadata ?? NoMetadata);

        if (!Options.Async)
        {
            // In turn with background saves: waits for (and reports) one started before, and blocks new ones.
            Saver.Run($"step {step} in {DirectoryPath}", () => WriteStep(step, Files(model, optimizer), metricsCopy, metadataCopy, cancellationToken), cancellationToken);
            return true;
        }

        Saver.Start(
            $"step {step} in {DirectoryPath}", [model, optimizer],
            snapshot => WriteStep(step, Files((StateDict)snapshot[0]!, (StateDict?)snapshot[1]), metricsCopy, metadataCopy, cancellationToken),
            cancellationToken);
        return true;
    }

    private static List<(string, StateNode)> Files(StateDict model, StateDict? optimizer)
    {
        var files = new List<(string, StateNode)> { (StepNames.ModelFile, model) };
        if (optimizer is not null) files.Add((StepNames.OptimizerFile, optimizer));
        return files;
    }

    private void WriteStep(
        long step, IReadOnlyList<(string, StateNode)> files, IReadOnlyDictionary<string, double> metrics,
        IReadOnlyDictionary<string, object?> metadata, CancellationToken cancellationToken)
    {
        StepManifest manifest;
        var started = Stopwatch.GetTimestamp();
        try
        {
            manifest = _writer.Write(step, files, metrics, metadata, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CheckpointException)
        {
            if (_logger is not null) ManagerLog.StepSaveFailed(_logger, e, DirectoryPath, step);
            throw new CheckpointException(
                $"Saving checkpoint step {step} in {DirectoryPath} failed: {e.Message} Earlier steps are untouched and no partial step {step} was committed.", e);
        }

        // One measurement per step (its files, manifest and commit), sized by what the manifest lists.
        CheckpointMetrics.Saved(CheckpointMetrics.MsgPack, manifest.TotalBytes, started);
        lock (_sync)
        {
            _steps[step] = new StepRecord(step, GetStepDirectory(step), manifest, null) { KnownIntact = true };
        }

        if (_logger is not null) ManagerLog.StepSaved(_logger, DirectoryPath, step, manifest.TotalBytes);
        ApplyRetention(step);
    }

    private void ApplyRetention(long savedStep)
    {
        List<StepManifest> committed;
        lock (_sync) committed = Manifests();
        var protectedSteps = new HashSet<long> { savedStep };
        if (NewestIntactAbove(savedStep) is { } newer) protectedSteps.Add(newer);

        foreach (var step in RetentionPolicy.StepsToDelete(committed, Options, protectedSteps))
        {
            try
            {
                DeleteStep(step);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The save itself is committed; a step that could not be deleted is retried after the next save.
                if (_logger is not null) ManagerLog.StepDeleteFailed(_logger, e, DirectoryPath, step);
            }
        }
    }

    // Steps newer than the one just saved exist after resuming from an older step; the newest intact one of
    // them must survive retention, so they are checked (once) from the top down.
    private long? NewestIntactAbove(long savedStep)
    {
        List<StepRecord> newer;
        lock (_sync) newer = _steps.Values.Where(r => r.Step > savedStep && r.Manifest is not null).Reverse().ToList();
        foreach (var record in newer)
        {
            if (!record.KnownIntact)
                record.KnownIntact = StepVerifier.Verify(record.Path, record.Step, checkData: true, CancellationToken.None).IsIntact;
            if (record.KnownIntact) return record.Step;
        }

        return null;
    }

    // Renamed first (atomic), then deleted: a kill mid-deletion leaves a .del- entry, never a half step_N.
    private void DeleteStep(long step)
    {
        var path = GetStepDirectory(step);
        var doomed = Path.Combine(DirectoryPath, StepNames.Staging(StepNames.DeletePrefix, step));
        _fileSystem.MoveDirectory(path, doomed);
        lock (_sync) _steps.Remove(step);
        _fileSystem.SyncDirectory(DirectoryPath);
        SafeDelete.Tree(_fileSystem, doomed);
        if (_logger is not null) ManagerLog.StepDeleted(_logger, DirectoryPath, step);
    }

    private void WaitForPending() => _saver?.Wait();

    private Task WaitForPendingAsync() => _saver?.WaitAsync() ?? Task.CompletedTask;
}
