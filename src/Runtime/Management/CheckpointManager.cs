using Checkpoint.Storage;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// Keeps the checkpoints of a training run in one directory or object-storage prefix: saves every N steps, keeps
/// the last N, the best K by a metric and every K-th step, and always restores the newest checkpoint that is intact.
/// Each step is a prefix <c>step_00000042/</c> holding braintools-compatible <c>model.msgpack</c> (and
/// <c>optimizer.msgpack</c>), or one shard file per rank for a sharded save, and a <c>manifest.json</c> with the
/// step, time, metrics, metadata, versions and each file's size and XxHash128.
/// </summary>
/// <remarks>
/// A step exists only once its manifest is committed, written last (see <c>docs/manager.md</c> for the protocol on
/// the local disk and on object stores), so a crash, a kill, a full disk or an interrupted upload never damages an
/// earlier step. Opening removes what unfinished saves left; restoring skips (and reports) steps whose manifest or
/// data no longer match. One manager owns a storage at a time: a second one, in this or another process (or, on
/// object stores, another machine), is refused by the lock <c>.lock</c>; ranks of a sharded save other than 0
/// (<see cref="CheckpointManagerOptions.Sharding"/>) take no lock and only write their shards. Thread-safe.
/// </remarks>
public sealed partial class CheckpointManager : IDisposable, IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly SortedDictionary<long, StepRecord> _steps = [];
    private readonly ManagerLock? _lock;
    private readonly StepWriter _writer;
    private readonly ILogger? _logger;
    private bool _disposed;

    /// <summary>
    /// Opens (creating if needed) the manager directory <paramref name="directory"/> on the local disk, locks it, and
    /// cleans up what interrupted saves left there (staging directories, steps without a committed manifest).
    /// </summary>
    /// <exception cref="CheckpointException">
    /// Another manager holds the directory (the message names it and, if known, that process), the path is a
    /// file, or its <c>.lock</c> is a symbolic link or not a regular file (never written through).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CheckpointManager(string directory, CheckpointManagerOptions? options = null)
        : this(LocalDirectory(directory, options), options)
    {
    }

    /// <summary>
    /// Opens a manager on any storage (<see cref="LocalFileStorage"/>, Azure Blob Storage, S3): locks it (a lock file,
    /// a blob lease, an S3 lock object), then deletes the steps that were never committed (an interrupted save or
    /// upload left objects without a manifest) and what interrupted stagings left. A rank other than 0 of a sharded
    /// save (<see cref="CheckpointManagerOptions.Sharding"/>) neither locks nor cleans up.
    /// </summary>
    /// <exception cref="CheckpointException">Another manager holds the storage (the message names it when known), or the storage failed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CheckpointManager(ObjectStorage storage, CheckpointManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Options = options ?? CheckpointManagerOptions.Default;
        Options.Validate();
        Storage = storage;
        DirectoryPath = storage.Location;
        _logger = Options.Logger;
        if (Options.Sharding is { Rank: not 0 })
        {
            Scan();
        }
        else
        {
            _lock = ManagerLock.Acquire(storage, Options.LockLeaseDuration, Options.LockWait, _logger, CancellationToken.None);
            try
            {
                Recover();
            }
            catch
            {
                _lock.Dispose();
                throw;
            }
        }

        _writer = new StepWriter(storage, Options.SaveOptions);
    }

    /// <summary>Where the steps are: the full path of the managed directory, or the location of the storage (<c>s3://bucket/prefix</c>).</summary>
    public string DirectoryPath { get; }

    /// <summary>The storage the steps are in (a <see cref="LocalFileStorage"/> for a directory).</summary>
    public ObjectStorage Storage { get; }

    /// <summary>The options the manager was opened with.</summary>
    public CheckpointManagerOptions Options { get; }

    /// <summary>The committed steps (those with a readable manifest), oldest first. Data files are checked on restore and verify.</summary>
    public IReadOnlyList<long> Steps
    {
        get
        {
            RefreshIfParticipant();
            lock (_sync) return _steps.Values.Where(r => r.Manifest is not null).Select(r => r.Step).ToList();
        }
    }

    /// <summary>The newest committed step, or null when there is none.</summary>
    public long? LatestStep
    {
        get
        {
            RefreshIfParticipant();
            lock (_sync) return _steps.Values.LastOrDefault(r => r.Manifest is not null)?.Step;
        }
    }

    /// <summary>The best committed step by <see cref="CheckpointManagerOptions.BestMetric"/>, or null (no metric configured or no step has it).</summary>
    public long? BestStep
    {
        get
        {
            if (Options.BestMetric is not { } metric) return null;
            RefreshIfParticipant();
            lock (_sync) return RetentionPolicy.BestFirst(Manifests(), metric, Options.BestMode).FirstOrDefault()?.Step;
        }
    }

    /// <summary>The manifest of a committed step, or null when the step does not exist or its manifest is unreadable.</summary>
    public StepManifest? GetManifest(long step)
    {
        lock (_sync) return _steps.TryGetValue(step, out var record) ? record.Manifest : null;
    }

    /// <summary>The location of a step (the full path of its directory on the local disk), whether or not it exists.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public string GetStepDirectory(long step) => Storage.LocationOf(StepNames.StepDirectory(step));

    /// <summary>Whether <paramref name="step"/> is due for a save: non-negative and divisible by <see cref="CheckpointManagerOptions.SaveInterval"/>.</summary>
    public bool ShouldSave(long step) => step >= 0 && step % Options.SaveInterval == 0;

    /// <summary>
    /// Waits for a background save in flight, then releases the lock; rethrows that save's failure unless an
    /// earlier call already did. Releasing the lock never throws (a failure there is logged).
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
            _lock?.Dispose();
        }
    }

    /// <summary>Waits for a background save in flight without blocking, then releases the lock; otherwise as <see cref="Dispose"/>.</summary>
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
            _lock?.Dispose();
        }
    }

    // The manager's API is synchronous; storage calls are awaited here (they complete at once on the local disk).
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static LocalFileStorage LocalDirectory(string directory, CheckpointManagerOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var fullPath = Path.GetFullPath(directory);
        if (File.Exists(fullPath)) throw new CheckpointException($"Checkpoint directory {fullPath} is a file, not a directory.");
        var fileSystem = (options ?? CheckpointManagerOptions.Default).FileSystem;
        fileSystem.CreateDirectory(fullPath);
        return new LocalFileStorage(fullPath, fileSystem);
    }

    private List<StepManifest> Manifests() => _steps.Values.Where(r => r.Manifest is not null).Select(r => r.Manifest!).ToList();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>What the manager knows about one step.</summary>
    private sealed class StepRecord(long step, StepManifest? manifest, string? manifestProblem)
    {
        public long Step { get; } = step;
        public StepManifest? Manifest { get; } = manifest;
        public string? ManifestProblem { get; } = manifestProblem;

        /// <summary>True once written or verified by this manager (retention trusts it; restore re-checks anyway).</summary>
        public bool KnownIntact { get; set; }
    }
}
