namespace Checkpoint.Storage;

/// <summary>
/// A new object being written: a write-only stream whose content becomes visible under <see cref="Name"/> only
/// when <see cref="CommitAsync"/> succeeds, whole, or not at all. Disposing it without a commit (after an
/// exception, a cancellation, or on purpose) discards everything written; a killed process leaves nothing
/// visible either (see docs/storage.md for what each backend leaves behind to clean up).
/// </summary>
/// <remarks>
/// <see cref="Flush"/> does not publish anything; only the commit does. After a failed write or commit the
/// stream refuses further use and disposing it discards the object. Prefer <c>await using</c>: disposing
/// synchronously waits for an object store's discard request.
/// </remarks>
public abstract class StorageWriteStream : Stream
{
    private const long ProgressStep = 1 << 20;

    private readonly IProgress<long>? _progress;
    private readonly object _progressGate = new();
    private long _stored;
    private long _reported;
    private bool _committed;
    private Exception? _fault;
    private int _disposed;

    /// <summary>Creates the stream for the object <paramref name="name"/>.</summary>
    /// <param name="name">The object's (validated) name.</param>
    /// <param name="location">The object's full location for messages (<c>s3://bucket/key</c>).</param>
    /// <param name="options">Overwrite and progress; null for the defaults.</param>
    protected StorageWriteStream(string name, string location, StorageWriteOptions? options)
    {
        Name = name;
        Location = location;
        options ??= StorageWriteOptions.Default;
        Overwrite = options.Overwrite;
        _progress = options.Progress;
    }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The object's full location, for messages.</summary>
    public string Location { get; }

    /// <summary>Whether the commit may replace an existing object.</summary>
    public bool Overwrite { get; }

    /// <summary>Whether the object has been committed.</summary>
    public bool IsCommitted => _committed;

    /// <summary>The number of bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => !_committed && _fault is null && _disposed == 0;

    /// <summary>The number of bytes written so far.</summary>
    public override long Length => BytesWritten;

    /// <summary>The number of bytes written so far; cannot be set.</summary>
    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException("A storage write stream only appends.");
    }

    /// <summary>
    /// Publishes the object: after this returns it is visible, whole and durable (as durable as the backend
    /// makes committed objects). Call it once, after the last write.
    /// </summary>
    /// <param name="cancellationToken">Cancels the commit; a cancelled commit publishes nothing.</param>
    /// <returns>The committed object.</returns>
    /// <exception cref="CheckpointException">The object exists and <see cref="Overwrite"/> is false, or the backend failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was published.</exception>
    public async Task<StorageObjectInfo> CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        try
        {
            var info = await CommitCoreAsync(cancellationToken).ConfigureAwait(false);
            return Committed(info);
        }
        catch (Exception e)
        {
            _fault = e;
            throw;
        }
    }

    /// <summary>Does nothing: only <see cref="CommitAsync"/> publishes the object.</summary>
    public override void Flush()
    {
    }

    /// <summary>Does nothing: only <see cref="CommitAsync"/> publishes the object.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureWritable();
        try
        {
            WriteCore(buffer);
        }
        catch (Exception e)
        {
            _fault = e;
            throw;
        }

        BytesWritten += buffer.Length;
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _fault = e;
            throw;
        }

        BytesWritten += buffer.Length;
    }

    /// <summary>Not supported: the stream is write-only.</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A storage write stream is write-only.");

    /// <summary>Not supported: the stream only appends.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A storage write stream only appends.");

    /// <summary>Not supported: the stream only appends.</summary>
    public override void SetLength(long value) => throw new NotSupportedException("A storage write stream only appends.");

    /// <summary>Discards the object unless it was committed, then releases the stream's resources.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (!_committed) await TryAbortAsync().ConfigureAwait(false);
            ReleaseResources();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Discards the object unless it was committed (waiting for the backend), then releases the stream's resources.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (!_committed) TryAbortAsync().AsTask().GetAwaiter().GetResult();
            ReleaseResources();
        }

        base.Dispose(disposing);
    }

    /// <summary>Accepts bytes (buffers them, writes them to a temporary file, or starts uploading a block).</summary>
    protected abstract void WriteCore(ReadOnlySpan<byte> buffer);

    /// <summary>The asynchronous form of <see cref="WriteCore"/>.</summary>
    protected abstract ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Makes everything written durable and publishes it as the object, whole, or throws having published nothing.</summary>
    protected abstract Task<StorageObjectInfo> CommitCoreAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was written (a temporary file, uploaded blocks); called once, only without a commit. Best effort.</summary>
    protected abstract ValueTask AbortCoreAsync();

    /// <summary>Releases buffers and handles; called once when the stream is disposed, after a commit or an abort.</summary>
    protected virtual void ReleaseResources()
    {
    }

    /// <summary>
    /// Runs a synchronous commit for backends that have one (the local file system keeps today's synchronous API):
    /// the same checks and bookkeeping as <see cref="CommitAsync"/>.
    /// </summary>
    protected StorageObjectInfo CommitSynchronously(Func<StorageObjectInfo> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        EnsureWritable();
        try
        {
            return Committed(commit());
        }
        catch (Exception e)
        {
            _fault = e;
            throw;
        }
    }

    /// <summary>The error for a create-only write whose target exists (the wording of <see cref="AtomicFile"/>).</summary>
    protected static CheckpointException AlreadyExists(string location) =>
        new($"Checkpoint already exists: {location} (pass overwrite: true to replace it).");

    /// <summary>Records that <paramref name="bytes"/> more bytes are stored (for progress). Safe to call from several threads.</summary>
    protected void OnStored(long bytes)
    {
        if (_progress is null) return;
        lock (_progressGate)
        {
            _stored += bytes;
            if (_stored - _reported < ProgressStep) return;
            _reported = _stored;
            _progress.Report(_stored);
        }
    }

    private StorageObjectInfo Committed(StorageObjectInfo info)
    {
        _committed = true;
        if (_progress is not null)
        {
            lock (_progressGate)
            {
                if (_reported != info.Length || info.Length == 0) _progress.Report(info.Length);
                _reported = info.Length;
            }
        }

        return info;
    }

    private void EnsureWritable()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_committed) throw new InvalidOperationException($"{Location} is already committed; write a new object instead.");
        if (_fault is not null)
            throw new InvalidOperationException($"An earlier write or commit of {Location} failed ({_fault.Message}); the object cannot be completed.", _fault);
    }

    private async ValueTask TryAbortAsync()
    {
        try
        {
            await AbortCoreAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the object was never published, so whatever stays is invisible (see docs/storage.md).
        }
    }
}
