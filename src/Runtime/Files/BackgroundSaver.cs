using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// The one background saver behind <see cref="AsyncCheckpointer"/>, <see cref="MsgPackCheckpoint.SaveAsync(string, object, bool, SaveOptions?, CancellationToken)"/> and the
/// manager's async mode: a save first takes a snapshot of the state on the caller's thread (one bulk copy per
/// array, into reused memory), then writes it on a background task, so the caller may change the model as soon as
/// the call returns. One save is in flight at a time: the next one first waits for it (and logs that it waited,
/// as braintools warns), and a failure surfaces, wrapped in a <see cref="CheckpointException"/>, at the next call.
/// </summary>
internal sealed class BackgroundSaver(ILogger? logger, bool reuseSnapshots)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SnapshotPool? _pool = reuseSnapshots ? new SnapshotPool() : null;
    private Task? _pending;
    private string? _pendingWhat;

    /// <summary>Whether a background save is still running.</summary>
    public bool IsSaving => _pending is { IsCompleted: false };

    /// <summary>
    /// Waits for the previous save (rethrowing its failure), snapshots <paramref name="trees"/>, then runs
    /// <paramref name="write"/> on the snapshot in the background. Returns the background task.
    /// </summary>
    /// <param name="what">What is being saved, for messages (<c>model.msgpack</c>, <c>step 42</c>).</param>
    /// <param name="trees">The trees to save; tensors may refer to the model's memory.</param>
    /// <param name="write">Writes the snapshot (on a background thread).</param>
    /// <param name="cancellationToken">Cancels the wait for the previous save; the write itself gets its own token.</param>
    public Task Start(string what, IReadOnlyList<StateNode?> trees, Action<IReadOnlyList<StateNode?>> write, CancellationToken cancellationToken)
    {
        _gate.Wait(cancellationToken);
        try
        {
            WaitForPrevious(what);
            return Launch(what, trees, write);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a save on the caller's thread, in turn with the background ones: waits for the save in flight
    /// (rethrowing its failure), then runs <paramref name="save"/> while no background save can start.
    /// </summary>
    public void Run(string what, Action save, CancellationToken cancellationToken)
    {
        _gate.Wait(cancellationToken);
        try
        {
            WaitForPrevious(what);
            save();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The asynchronous form of <see cref="Start"/>: waits for the previous save without blocking.</summary>
    public async Task<Task> StartAsync(string what, IReadOnlyList<StateNode?> trees, Action<IReadOnlyList<StateNode?>> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pending is { IsCompleted: false } previous)
            {
                LogWaited(what);
                await Task.WhenAny(previous).ConfigureAwait(false);
            }

            Observe();
            return Launch(what, trees, write);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Blocks until the save in flight (if any) has finished; rethrows its failure.</summary>
    public void Wait()
    {
        _gate.Wait();
        try
        {
            Observe();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Completes when the save in flight (if any) has finished; rethrows its failure.</summary>
    public async Task WaitAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_pending is { } pending) await Task.WhenAny(pending).ConfigureAwait(false);
            Observe();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WaitForPrevious(string what)
    {
        if (_pending is { IsCompleted: false } previous)
        {
            LogWaited(what);
            ((IAsyncResult)previous).AsyncWaitHandle.WaitOne();
        }

        Observe();
    }

    private Task Launch(string what, IReadOnlyList<StateNode?> trees, Action<IReadOnlyList<StateNode?>> write)
    {
        var pool = _pool ?? new SnapshotPool();
        var snapshot = trees.Select(tree => tree is null ? null : pool.Take(tree)).ToList();
        _pendingWhat = what;
        _pending = Task.Run(() =>
        {
            try
            {
                write(snapshot);
            }
            finally
            {
                // Back to the pool only after the write: the next snapshot copies into warm memory.
                if (_pool is not null)
                {
                    foreach (var tree in snapshot)
                        if (tree is not null) _pool.Return(tree);
                }
            }
        });
        return _pending;
    }

    // Rethrows the failure of the save that just finished (a lost checkpoint must not pass silently).
    private void Observe()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            if (logger is not null) SaveLog.BackgroundFailed(logger, e, _pendingWhat ?? "?");
            throw new CheckpointException($"The background save of {_pendingWhat} failed: {e.Message}", e);
        }
    }

    private void LogWaited(string what)
    {
        if (logger is not null) SaveLog.Waited(logger, _pendingWhat ?? "?", what);
    }
}

/// <summary>What background saves log (event ids in <c>docs/observability.md</c>).</summary>
internal static partial class SaveLog
{
    [LoggerMessage(EventId = CheckpointEvents.SaveWaited, Level = LogLevel.Warning,
        Message = "The background save of {Previous} is still running; saving {Next} waits for it (save less often, or faster storage)")]
    public static partial void Waited(ILogger logger, string previous, string next);

    [LoggerMessage(EventId = CheckpointEvents.BackgroundSaveFailed, Level = LogLevel.Error, Message = "The background save of {What} failed")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception, string what);
}
