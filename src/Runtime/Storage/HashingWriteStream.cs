using System.IO.Hashing;
using System.Security.Cryptography;

namespace Checkpoint.Storage;

/// <summary>
/// Passes writes on to another stream while counting and hashing them (XxHash128 for the manager's manifests,
/// SHA-256 for the sidecar of a plain file), so what was written is never read back to checksum it. A writer that
/// seeks back to patch bytes it wrote before (the npz writer fills in each member's header after its data) makes
/// the hashes describe something else: <see cref="IsSequential"/> turns false and the caller hashes the finished
/// bytes instead.
/// </summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly XxHash128? _xxHash128;
    private readonly IncrementalHash? _sha256;
    private long _position;

    public HashingWriteStream(Stream inner, bool xxHash128, bool sha256)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _xxHash128 = xxHash128 ? new XxHash128() : null;
        _sha256 = sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>The bytes hashed so far: everything written, in order, while <see cref="IsSequential"/>.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>False once the writer moved away from the end: the hashes no longer describe the content.</summary>
    public bool IsSequential { get; private set; } = true;

    /// <summary>The XxHash128 of what was written, as the manifest records it (32 lowercase hex digits).</summary>
    public string XxHash128Hex => Convert.ToHexString(Require(_xxHash128).GetCurrentHash()).ToLowerInvariant();

    /// <summary>The SHA-256 of what was written.</summary>
    public byte[] Sha256 => Require(_sha256).GetCurrentHash();

    public override bool CanRead => false;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => _inner.CanWrite;
    public override long Length => _inner.CanSeek ? _inner.Length : BytesWritten;

    public override long Position
    {
        get => _inner.CanSeek ? _inner.Position : _position;
        set
        {
            _inner.Position = value;
            Moved(value);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Hash(buffer);
    }

    public override void WriteByte(byte value) => Write(new ReadOnlySpan<byte>(in value));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Hash(buffer.Span);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = _inner.Seek(offset, origin);
        Moved(position);
        return position;
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // The inner stream is the caller's: it commits or discards it.
    protected override void Dispose(bool disposing)
    {
        if (disposing) _sha256?.Dispose();
        base.Dispose(disposing);
    }

    private static T Require<T>(T? hash)
        where T : class => hash ?? throw new InvalidOperationException("This hash was not requested.");

    private void Hash(ReadOnlySpan<byte> written)
    {
        _position += written.Length;
        if (!IsSequential) return;
        _xxHash128?.Append(written);
        _sha256?.AppendData(written);
        BytesWritten += written.Length;
    }

    private void Moved(long position)
    {
        _position = position;
        if (position != BytesWritten) IsSequential = false;
    }
}
