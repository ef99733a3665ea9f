namespace Checkpoint;

/// <summary>
/// Saves checkpoints in the background (braintools' <c>AsyncManager</c>). <see cref="Save"/> takes a consistent
/// snapshot (every tensor copied, so training may change the model as soon as it returns), then writes it
/// atomically on a background task. At most one save is in flight: the next <see cref="Save"/> first waits for
/// the previous one. A failed background save is rethrown, wrapped in a <see cref="CheckpointException"/>, by
/// the next call (<see cref="Save"/>, <see cref="Wait"/>, <see cref="WaitAsync"/> or disposal).
/// </summary>
/// <remarks>Disposal waits for the save in flight. Thread-safe.</remarks>
public sealed class AsyncCheckpointer : IAsyncDisposable, IDisposable
{
    private readonly MsgPackSaveOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task? _pending;
    private string? _pendingPath;
    private volatile bool _disposed;

    /// <summary>Creates a checkpointer whose saves use <paramref name="options"/>.</summary>
    public AsyncCheckpointer(MsgPackSaveOptions? options = null) => _options = options ?? MsgPackSaveOptions.Default;

    /// <summary>Whether a background save is still running.</summary>
    public bool IsSaving => _pending is { IsCompleted: false };

    /// <summary>
    /// Waits for the previous save, snapshots <paramref name="tree"/> (as <see cref="MsgPackCheckpoint.Save"/>
    /// converts it, then <see cref="StateTree.DeepClone(StateNode)"/>), starts writing it and returns the full path.
    /// </summary>
    /// <exception cref="CheckpointException">The previous background save failed (it is the inner exception), the
    /// file exists and <paramref name="overwrite"/> is false, or the tree cannot be saved.</exception>
    public string Save(string path, object tree, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gate.Wait(cancellationToken);
        try
        {
            // Again inside the gate: a Dispose that ran meanwhile has already waited, and would never see this save.
            ObjectDisposedException.ThrowIf(_disposed, this);
            ObservePrevious();
            return Start(path, tree, overwrite, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The asynchronous form of <see cref="Save"/>: waits for the previous save without blocking.</summary>
    public async Task<string> SaveAsync(string path, object tree, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await ObservePreviousAsync().ConfigureAwait(false);
            return Start(path, tree, overwrite, cancellationToken);
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
            ObservePrevious();
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
            await ObservePreviousAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the save in flight; rethrows its failure (a lost final checkpoint must not pass silently).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Wait();
    }

    /// <summary>Waits for the save in flight without blocking; rethrows its failure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await WaitAsync().ConfigureAwait(false);
    }

    private string Start(string path, object tree, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        // Checked here too so the caller hears about it now, not at the next call.
        if (!overwrite && File.Exists(fullPath))
            throw new CheckpointException($"Checkpoint already exists: {fullPath} (pass overwrite: true to replace it).");
        var snapshot = StateTree.DeepClone(MsgPackCheckpoint.ToRoot(tree, _options));
        _pendingPath = fullPath;
        _pending = Task.Run(() => MsgPackCheckpoint.WriteRoot(fullPath, snapshot, overwrite, _options, cancellationToken), CancellationToken.None);
        return fullPath;
    }

    private void ObservePrevious()
    {
        if (_pending is not { } pending) return;
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw Failed(e);
        }
        finally
        {
            _pending = null;
        }
    }

    private async Task ObservePreviousAsync()
    {
        if (_pending is not { } pending) return;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Failed(e);
        }
        finally
        {
            _pending = null;
        }
    }

    private CheckpointException Failed(Exception e) =>
        new($"The background save of {_pendingPath} failed: {e.Message}", e);
}
