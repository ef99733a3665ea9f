using System.Buffers;
using System.Runtime.InteropServices;

namespace Checkpoint.Storage;

/// <summary>
/// The upload path object stores share: bytes are cut into blocks of <see cref="BlockSize"/>, each full block is
/// uploaded on the thread pool while the writer goes on (at most <c>maxParallelUploads</c> at once, so memory
/// stays at about <c>(maxParallelUploads + 1) × BlockSize</c>), and the commit publishes the blocks in order as
/// one object (Azure: commit block list; S3: complete multipart upload). An object that fits in one block is
/// sent in a single request instead. A backend supplies the four requests.
/// </summary>
public abstract class BlockUploadStream : StorageWriteStream
{
    private readonly int _maxBlockCount;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _uploads = [];
    private byte[]? _current;
    private int _filled;
    private int _blockCount;
    private bool _started;
    private Exception? _uploadFault;

    /// <summary>Creates the stream.</summary>
    /// <param name="name">The object's (validated) name.</param>
    /// <param name="location">The object's full location for messages.</param>
    /// <param name="options">Overwrite and progress.</param>
    /// <param name="blockSize">The size of every block but the last.</param>
    /// <param name="maxParallelUploads">How many blocks may be uploading at once.</param>
    /// <param name="maxBlockCount">The backend's limit on blocks per object (S3: 10,000; Azure: 50,000).</param>
    protected BlockUploadStream(string name, string location, StorageWriteOptions? options, int blockSize, int maxParallelUploads, int maxBlockCount)
        : base(name, location, options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelUploads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockCount, 1);
        BlockSize = blockSize;
        _maxBlockCount = maxBlockCount;
        _slots = new SemaphoreSlim(maxParallelUploads, maxParallelUploads);
    }

    /// <summary>The size of every block but the last.</summary>
    protected int BlockSize { get; }

    /// <summary>Prepares a block upload (S3: create the multipart upload); called once, before the first block.</summary>
    protected virtual Task StartBlocksAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Uploads block <paramref name="index"/> (0-based) so that it is stored but not visible. Called concurrently.</summary>
    protected abstract Task UploadBlockAsync(int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Publishes blocks 0 to <paramref name="blockCount"/> − 1, in order, as the object.</summary>
    protected abstract Task<StorageObjectInfo> CommitBlocksAsync(int blockCount, long length, CancellationToken cancellationToken);

    /// <summary>Publishes an object that fit in one block with a single request.</summary>
    protected abstract Task<StorageObjectInfo> UploadWholeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Discards uploaded blocks (S3: abort the multipart upload); called only if <see cref="StartBlocksAsync"/> ran. Best effort.</summary>
    protected abstract ValueTask AbortBlocksAsync();

    /// <summary>A read-only stream over <paramref name="data"/> without copying (for SDKs that take a stream).</summary>
    protected static Stream AsReadOnlyStream(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    /// <inheritdoc />
    protected sealed override void WriteCore(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Fill(buffer)..];
            if (_filled == BlockSize) SubmitAsync(synchronous: true, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc />
    protected sealed override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Fill(buffer.Span)..];
            if (_filled == BlockSize) await SubmitAsync(synchronous: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected sealed override async Task<StorageObjectInfo> CommitCoreAsync(CancellationToken cancellationToken)
    {
        ThrowIfUploadFailed();
        if (!_started)
        {
            var data = _current is null ? ReadOnlyMemory<byte>.Empty : _current.AsMemory(0, _filled);
            var info = await UploadWholeAsync(data, cancellationToken).ConfigureAwait(false);
            OnStored(data.Length);
            return info;
        }

        if (_filled > 0) await SubmitAsync(synchronous: false, cancellationToken).ConfigureAwait(false);
        using (cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abort))
        {
            await WaitForUploadsAsync().ConfigureAwait(false);
        }

        ThrowIfUploadFailed();
        cancellationToken.ThrowIfCancellationRequested();
        return await CommitBlocksAsync(_blockCount, BytesWritten, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected sealed override async ValueTask AbortCoreAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        await WaitForUploadsAsync().ConfigureAwait(false);
        if (_started) await AbortBlocksAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        if (_current is not null) ArrayPool<byte>.Shared.Return(_current);
        _current = null;
        _abort.Dispose();
        _slots.Dispose();
        base.ReleaseResources();
    }

    private int Fill(ReadOnlySpan<byte> source)
    {
        _current ??= ArrayPool<byte>.Shared.Rent(BlockSize);
        var count = Math.Min(source.Length, BlockSize - _filled);
        source[..count].CopyTo(_current.AsSpan(_filled));
        _filled += count;
        return count;
    }

    // Hands the filled block to an upload task; waits for a free slot first, which bounds the memory in use.
    private async Task SubmitAsync(bool synchronous, CancellationToken cancellationToken)
    {
        ThrowIfUploadFailed();
        if (_blockCount >= _maxBlockCount)
            throw new CheckpointException(
                $"{Location} is larger than {_maxBlockCount} blocks of {BlockSize} bytes, the most the backend accepts; use a larger block size.");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        try
        {
            if (!_started)
            {
                if (synchronous) StartBlocksAsync(linked.Token).GetAwaiter().GetResult();
                else await StartBlocksAsync(linked.Token).ConfigureAwait(false);
                _started = true;
            }

            if (synchronous) _slots.Wait(linked.Token);
            else await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_uploadFault is not null)
        {
            ThrowIfUploadFailed();
        }

        var index = _blockCount++;
        var block = _current!;
        var length = _filled;
        _current = null;
        _filled = 0;
        _uploads.Add(Task.Run(() => UploadAsync(index, block, length)));
    }

    private async Task UploadAsync(int index, byte[] block, int length)
    {
        try
        {
            await UploadBlockAsync(index, block.AsMemory(0, length), _abort.Token).ConfigureAwait(false);
            OnStored(length);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            // The first failure stops the others; the writer sees it at its next write or at the commit.
            Interlocked.CompareExchange(ref _uploadFault, e, null);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped by an abort, a cancelled commit or another block's failure, each reported where it happened.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
            _slots.Release();
        }
    }

    private async Task WaitForUploadsAsync()
    {
        // UploadAsync never throws; every failure is recorded in _uploadFault.
        await Task.WhenAll(_uploads).ConfigureAwait(false);
    }

    private void ThrowIfUploadFailed()
    {
        if (Volatile.Read(ref _uploadFault) is { } fault)
            throw fault as CheckpointException ?? new CheckpointException($"Uploading {Location} failed: {fault.Message}", fault);
    }
}
