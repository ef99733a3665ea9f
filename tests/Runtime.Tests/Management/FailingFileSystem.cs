using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>The real file system, except that writes fail like a full disk once <see cref="Budget"/> bytes have been written.</summary>
internal sealed class FailingFileSystem(long budget) : IManagerFileSystem
{
    private readonly IManagerFileSystem _real = PhysicalManagerFileSystem.Instance;

    public long Budget { get; set; } = budget;

    public long Written { get; private set; }

    public void CreateDirectory(string path) => _real.CreateDirectory(path);

    public Stream CreateFile(string path) => new Limited(_real.CreateFile(path), this);

    public void FlushToDisk(Stream stream) => _real.FlushToDisk(stream is Limited limited ? limited.Inner : stream);

    public void MoveFile(string source, string destination) => _real.MoveFile(source, destination);

    public void MoveFile(string source, string destination, bool overwrite) => _real.MoveFile(source, destination, overwrite);

    public void MoveDirectory(string source, string destination) => _real.MoveDirectory(source, destination);

    public void DeleteFile(string path) => _real.DeleteFile(path);

    public void DeleteDirectory(string path) => _real.DeleteDirectory(path);

    public void SyncDirectory(string path) => _real.SyncDirectory(path);

    private sealed class Limited(Stream inner, FailingFileSystem owner) : Stream
    {
        public Stream Inner => inner;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = owner.Budget - owner.Written;
            if (buffer.Length > room)
            {
                if (room > 0) inner.Write(buffer[..(int)room]);
                owner.Written = owner.Budget;
                throw new IOException("No space left on device");
            }

            inner.Write(buffer);
            owner.Written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
