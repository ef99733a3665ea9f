using System.Diagnostics;
using Checkpoint.Storage;

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
            Saver.Run($"step {step} in {DirectoryPath}", () => WriteStep(step, model, optimizer, metricsCopy, metadataCopy, cancellationToken), cancellationToken);
            return true;
        }

        Saver.Start(
            $"step {step} in {DirectoryPath}", [model, optimizer],
            snapshot => WriteStep(step, (StateDict)snapshot[0]!, (StateDict?)snapshot[1], metricsCopy, metadataCopy, cancellationToken),
            cancellationToken);
        return true;
    }

    private void WriteStep(
        long step, StateDict model, StateDict? optimizer, IReadOnlyDictionary<string, double> metrics,
        IReadOnlyDictionary<string, object?> metadata, CancellationToken cancellationToken)
    {
        StepManifest? manifest;
        var started = Stopwatch.GetTimestamp();
        try
        {
            manifest = Options.Sharding is { } sharding
                ? Wait(new ShardedStepWriter(Storage, Options.SaveOptions, sharding, _logger).WriteAsync(step, model, optimizer, metrics, metadata, BeforeCommit(step), cancellationToken))
                : Wait(_writer.WriteAsync(step, Files(model, optimizer), metrics, metadata, BeforeCommit(step), cancellationToken));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            if (_logger is not null) ManagerLog.SaveFailed(_logger, e, DirectoryPath, step);
            throw new CheckpointException(
                $"Saving checkpoint step {step} in {DirectoryPath} failed: {e.Message} Earlier steps are untouched and no partial step {step} was committed.", e);
        }

        // A rank other than 0 wrote its shard and saw rank 0 commit the step; the rest is rank 0's.
        if (_lock is null) return;
        // One measurement per committed step (its files, manifest and commit), sized by what the manifest lists.
        CheckpointMetrics.Saved(CheckpointMetrics.MsgPack, manifest!.TotalBytes, started);
        lock (_sync)
        {
            _steps[step] = new StepRecord(step, manifest, null) { KnownIntact = true };
        }

        if (_logger is not null) ManagerLog.Saved(_logger, DirectoryPath, step, manifest!.TotalBytes);
        ApplyRetention(step);
    }

    private static List<(string, StateNode)> Files(StateDict model, StateDict? optimizer)
    {
        var files = new List<(string, StateNode)> { (StepNames.ModelFile, model) };
        if (optimizer is not null) files.Add((StepNames.OptimizerFile, optimizer));
        return files;
    }

    // Nothing may be committed once the lock is lost: another manager may own the storage by now.
    private Action BeforeCommit(long step) => () =>
    {
        try
        {
            _lock?.ThrowIfLost();
        }
        catch (CheckpointException e)
        {
            if (_logger is not null) ManagerLog.LockLost(_logger, e, DirectoryPath, step);
            throw;
        }
    };

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
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // The save itself is committed; a step that could not be deleted is retried after the next save.
                if (_logger is not null) ManagerLog.DeleteFailed(_logger, e, DirectoryPath, step);
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
                record.KnownIntact = Wait(StepVerifier.VerifyAsync(Storage, record.Step, checkData: true, null, CancellationToken.None)).IsIntact;
            if (record.KnownIntact) return record.Step;
        }

        return null;
    }

    // The step stops counting at once (its manifest goes first on object stores; the directory is renamed out of
    // sight first on the local disk), so a kill mid-deletion never leaves a half-deleted step that looks committed.
    private void DeleteStep(long step)
    {
        Wait(Storage.DeletePublishedPrefixAsync(StepNames.StepDirectory(step), StepNames.ManifestFile));
        lock (_sync) _steps.Remove(step);
        if (_logger is not null) ManagerLog.Deleted(_logger, DirectoryPath, step);
    }

    private void WaitForPending() => _saver?.Wait();

    private Task WaitForPendingAsync() => _saver?.WaitAsync() ?? Task.CompletedTask;
}
