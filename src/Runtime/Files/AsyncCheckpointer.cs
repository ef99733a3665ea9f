using Checkpoint.Storage;
using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// Saves checkpoints in the background (braintools' <c>AsyncManager</c>). <see cref="Save"/> takes a consistent
/// snapshot (every array copied once, in bulk, into memory reused from the previous save, so training may change
/// the model as soon as it returns), then writes it atomically on a background task. At most one save is in
/// flight: the next <see cref="Save"/> first waits for the previous one (and logs that it waited). A failed
/// background save is rethrown, wrapped in a <see cref="CheckpointException"/>, by the next call
/// (<see cref="Save"/>, <see cref="Wait"/>, <see cref="WaitAsync"/> or disposal).
/// </summary>
/// <remarks>Disposal waits for the save in flight. Thread-safe. Keeps one snapshot's worth of memory between saves.</remarks>
public sealed class AsyncCheckpointer : IAsyncDisposable, IDisposable
{
    private readonly SaveOptions _options;
    private readonly BackgroundSaver _saver;
    private volatile bool _disposed;

    /// <summary>Creates a checkpointer whose saves use <paramref name="options"/> and log to <paramref name="logger"/>.</summary>
    public AsyncCheckpointer(SaveOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? SaveOptions.Default;
        _saver = new BackgroundSaver(logger, reuseSnapshots: true);
    }

    /// <summary>Whether a background save is still running.</summary>
    public bool IsSaving => _saver.IsSaving;

    /// <summary>
    /// Waits for the previous save, snapshots <paramref name="tree"/> (converted as <see cref="MsgPackCheckpoint.Save(string, object, bool, SaveOptions?, CancellationToken)"/>
    /// converts it), starts writing it and returns the full path.
    /// </summary>
    /// <exception cref="CheckpointException">The previous background save failed (it is the inner exception), the
    /// file exists and <paramref name="overwrite"/> is false, or the tree cannot be saved.</exception>
    public string Save(string path, object tree, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (fullPath, root) = Prepare(path, tree, overwrite);
        _saver.Start(fullPath, [root], snapshot => MsgPackCheckpoint.WriteRoot(fullPath, snapshot[0]!, overwrite, _options, cancellationToken), cancellationToken);
        return fullPath;
    }

    /// <summary>The asynchronous form of <see cref="Save"/>: waits for the previous save without blocking.</summary>
    public async Task<string> SaveAsync(string path, object tree, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (fullPath, root) = Prepare(path, tree, overwrite);
        await _saver.StartAsync(fullPath, [root], snapshot => MsgPackCheckpoint.WriteRoot(fullPath, snapshot[0]!, overwrite, _options, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return fullPath;
    }

    /// <summary>Blocks until the save in flight (if any) has finished; rethrows its failure.</summary>
    public void Wait() => _saver.Wait();

    /// <summary>Completes when the save in flight (if any) has finished; rethrows its failure.</summary>
    public Task WaitAsync() => _saver.WaitAsync();

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

    private (string FullPath, StateNode Root) Prepare(string path, object tree, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        // Checked here too so the caller hears about it now, not at the next call.
        if (!overwrite && File.Exists(fullPath))
            throw new CheckpointException($"Checkpoint already exists: {fullPath} (pass overwrite: true to replace it).");
        return (fullPath, MsgPackCheckpoint.ToRoot(tree, _options));
    }
}
