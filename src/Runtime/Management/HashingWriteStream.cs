using System.IO.Hashing;

namespace Checkpoint.Management;

/// <summary>Passes writes on to a file while hashing and counting them, so a data file is never read back to checksum it.</summary>
internal sealed class HashingWriteStream(Stream inner) : Stream
{
    private readonly XxHash128 _hash = new();

    public long BytesWritten { get; private set; }

    public string HashHex => ManifestSerializer.Hex(_hash.GetCurrentHash());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => BytesWritten;
    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _hash.Append(buffer);
        BytesWritten += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
