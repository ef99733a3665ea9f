using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// Keeps the checkpoints of a training run in one directory: saves every N steps, keeps the last N, the best K
/// by a metric and every K-th step, and always restores the newest checkpoint that is intact. Each step is a
/// directory <c>step_00000042/</c> holding braintools-compatible <c>model.msgpack</c> (and <c>optimizer.msgpack</c>)
/// and a <c>manifest.json</c> with the step, time, metrics, metadata, versions and each file's size and XxHash128.
/// </summary>
/// <remarks>
/// A step exists only once its manifest is committed (see <c>docs/manager.md</c> for the protocol), so a crash,
/// a kill or a full disk never damages an earlier step. Opening a directory removes what unfinished saves left;
/// restoring skips (and reports) steps whose manifest or data no longer match. One manager owns a directory at a
/// time: a second one, in this or another process, is refused by the <c>.lock</c> file. Thread-safe.
/// </remarks>
public sealed partial class CheckpointManager : IDisposable, IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly SortedDictionary<long, StepRecord> _steps = [];
    private readonly DirectoryLock _lock;
    private readonly IManagerFileSystem _fileSystem;
    private readonly StepWriter _writer;
    private readonly ILogger? _logger;
    private bool _disposed;

    /// <summary>
    /// Opens (creating if needed) the manager directory <paramref name="directory"/>, locks it, and cleans up
    /// what interrupted saves left there (staging directories, steps without a committed manifest).
    /// </summary>
    /// <exception cref="CheckpointException">
    /// Another manager holds the directory (the message names it and, if known, that process), the path is a
    /// file, or its <c>.lock</c> is a symbolic link or not a regular file (never written through).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CheckpointManager(string directory, CheckpointManagerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Options = options ?? CheckpointManagerOptions.Default;
        Options.Validate();
        DirectoryPath = Path.GetFullPath(directory);
        _fileSystem = Options.FileSystem;
        _logger = Options.Logger;
        if (File.Exists(DirectoryPath)) throw new CheckpointException($"Checkpoint directory {DirectoryPath} is a file, not a directory.");
        _fileSystem.CreateDirectory(DirectoryPath);
        _lock = DirectoryLock.Acquire(DirectoryPath, _fileSystem, _logger);
        try
        {
            Recover();
        }
        catch
        {
            _lock.Dispose();
            throw;
        }

        _writer = new StepWriter(DirectoryPath, _fileSystem, Options.SaveOptions);
    }

    /// <summary>The full path of the managed directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>The options the manager was opened with.</summary>
    public CheckpointManagerOptions Options { get; }

    /// <summary>The committed steps (those with a readable manifest), oldest first. Data files are checked on restore and verify.</summary>
    public IReadOnlyList<long> Steps
    {
        get
        {
            lock (_sync) return _steps.Values.Where(r => r.Manifest is not null).Select(r => r.Step).ToList();
        }
    }

    /// <summary>The newest committed step, or null when there is none.</summary>
    public long? LatestStep
    {
        get
        {
            lock (_sync) return _steps.Values.LastOrDefault(r => r.Manifest is not null)?.Step;
        }
    }

    /// <summary>The best committed step by <see cref="CheckpointManagerOptions.BestMetric"/>, or null (no metric configured or no step has it).</summary>
    public long? BestStep
    {
        get
        {
            if (Options.BestMetric is not { } metric) return null;
            lock (_sync) return RetentionPolicy.BestFirst(Manifests(), metric, Options.BestMode).FirstOrDefault()?.Step;
        }
    }

    /// <summary>The manifest of a committed step, or null when the step does not exist or its manifest is unreadable.</summary>
    public StepManifest? GetManifest(long step)
    {
        lock (_sync) return _steps.TryGetValue(step, out var record) ? record.Manifest : null;
    }

    /// <summary>The full path of a step's directory (whether or not it exists).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public string GetStepDirectory(long step) => Path.Combine(DirectoryPath, StepNames.StepDirectory(step));

    /// <summary>Whether <paramref name="step"/> is due for a save: non-negative and divisible by <see cref="CheckpointManagerOptions.SaveInterval"/>.</summary>
    public bool ShouldSave(long step) => step >= 0 && step % Options.SaveInterval == 0;

    /// <summary>
    /// Waits for a background save in flight, then releases the directory lock; rethrows that save's failure
    /// unless an earlier call already did. Releasing the lock never throws (a failure there is logged).
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            WaitForPending();
        }
        finally
        {
            _lock.Dispose();
        }
    }

    /// <summary>Waits for a background save in flight without blocking, then releases the directory lock; otherwise as <see cref="Dispose"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await WaitForPendingAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private List<StepManifest> Manifests() => _steps.Values.Where(r => r.Manifest is not null).Select(r => r.Manifest!).ToList();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>What the manager knows about one step directory.</summary>
    private sealed class StepRecord(long step, string path, StepManifest? manifest, string? manifestProblem)
    {
        public long Step { get; } = step;
        public string Path { get; } = path;
        public StepManifest? Manifest { get; } = manifest;
        public string? ManifestProblem { get; } = manifestProblem;

        /// <summary>True once written or verified by this manager (retention trusts it; restore re-checks anyway).</summary>
        public bool KnownIntact { get; set; }
    }
}
