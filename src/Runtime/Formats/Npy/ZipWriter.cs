using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Checkpoint.Formats.Npy;

/// <summary>
/// Writes a zip archive member by member, the way Python's zipfile writes <c>np.savez</c> archives: every local
/// header carries zip64 sizes (numpy forces zip64 so members may pass 4 GiB), data is streamed through a CRC-32
/// (and a deflater for compressed members), then the header is completed in place. Members carry the DOS epoch
/// (1980-01-01) as their time, so the same arrays always give the same bytes.
/// </summary>
internal sealed class ZipWriter(Stream output)
{
    private Stream Output => output;

    private const ushort Zip64Version = 45;
    private const ushort DosDate1980 = (0 << 9) | (1 << 5) | 1;
    private const uint RegularFileAttributes = 0x81A4u << 16; // -rw-r--r--

    private readonly long _start = output.Position;

    private readonly List<Written> _written = [];

    private sealed record Written(byte[] Name, ushort Flags, ushort Method, uint Crc, long Compressed, long Uncompressed, long Offset);

    /// <summary>Starts a member; write its bytes to the returned stream and dispose it to complete the member.</summary>
    public Stream BeginMember(string name, bool deflate) => new MemberStream(this, name, deflate);

    /// <summary>Writes the central directory and end records.</summary>
    public void Finish()
    {
        var directoryOffset = output.Position - _start;
        foreach (var entry in _written) WriteCentral(entry);
        var directorySize = output.Position - _start - directoryOffset;
        var needsZip64 = _written.Count >= ushort.MaxValue || directoryOffset >= uint.MaxValue || directorySize >= uint.MaxValue;
        if (needsZip64)
        {
            var zip64Offset = output.Position - _start;
            Span<byte> zip64 = stackalloc byte[56];
            BinaryPrimitives.WriteUInt32LittleEndian(zip64, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(zip64[12..], Zip64Version);
            BinaryPrimitives.WriteUInt16LittleEndian(zip64[14..], Zip64Version);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64[24..], (ulong)_written.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64[32..], (ulong)_written.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64[48..], (ulong)directoryOffset);
            output.Write(zip64);
            Span<byte> locator = stackalloc byte[20];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(locator[8..], (ulong)zip64Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            output.Write(locator);
        }

        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        var count = (ushort)Math.Min(_written.Count, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], Clamp32(directorySize));
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], Clamp32(directoryOffset));
        output.Write(end);
    }

    private void WriteCentral(Written entry)
    {
        // Values that do not fit 32 bits are all ones here and given in the zip64 field, in this order.
        var extra = new List<ulong>();
        if (entry.Uncompressed >= uint.MaxValue) extra.Add((ulong)entry.Uncompressed);
        if (entry.Compressed >= uint.MaxValue) extra.Add((ulong)entry.Compressed);
        if (entry.Offset >= uint.MaxValue) extra.Add((ulong)entry.Offset);
        var extraLength = extra.Count == 0 ? 0 : 4 + 8 * extra.Count;

        var record = new byte[46 + entry.Name.Length + extraLength];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (3 << 8) | Zip64Version); // made by: Unix
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], Zip64Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], entry.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], entry.Method);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], DosDate1980);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], Clamp32(entry.Compressed));
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], Clamp32(entry.Uncompressed));
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], (ushort)entry.Name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[30..], (ushort)extraLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[38..], RegularFileAttributes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[42..], Clamp32(entry.Offset));
        entry.Name.CopyTo(span[46..]);
        if (extra.Count > 0)
        {
            var field = span[(46 + entry.Name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(field, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(field[2..], (ushort)(8 * extra.Count));
            for (var i = 0; i < extra.Count; i++) BinaryPrimitives.WriteUInt64LittleEndian(field[(4 + 8 * i)..], extra[i]);
        }

        output.Write(record);
    }

    private static uint Clamp32(long value) => value >= uint.MaxValue ? uint.MaxValue : (uint)value;

    /// <summary>One member being written: counts and hashes what passes through, completes the local header on dispose.</summary>
    private sealed class MemberStream : Stream
    {
        private const int LocalLength = 30;
        private const int Zip64ExtraLength = 20;

        private readonly ZipWriter _zip;
        private readonly byte[] _name;
        private readonly ushort _flags;
        private readonly bool _deflate;
        private readonly long _offset;
        private readonly CountingStream _counter;
        private readonly Stream _sink;
        private readonly Crc32 _crc = new();
        private long _uncompressed;
        private bool _done;

        public MemberStream(ZipWriter zip, string name, bool deflate)
        {
            _zip = zip;
            _name = Encoding.UTF8.GetBytes(name);
            if (_name.Length > ushort.MaxValue) throw new CheckpointException($"Cannot save '{name}' in a zip archive: the name is longer than 65535 bytes.");
            _flags = name.Any(c => c >= 0x80) ? (ushort)0x800 : (ushort)0; // bit 11: the name is UTF-8
            _deflate = deflate;
            _offset = zip.Output.Position - zip._start;
            WriteLocalHeader(crc: 0, compressed: 0, uncompressed: 0);
            _counter = new CountingStream(zip.Output);
            _sink = deflate ? new DeflateStream(_counter, CompressionLevel.Optimal, leaveOpen: true) : _counter;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _uncompressed;
        public override long Position { get => _uncompressed; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _crc.Append(buffer);
            _uncompressed += buffer.Length;
            _sink.Write(buffer);
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                _done = true;
                if (_deflate) _sink.Dispose();
                var output = _zip.Output;
                var end = output.Position;
                var crc = _crc.GetCurrentHashAsUInt32();
                output.Position = _zip._start + _offset;
                WriteLocalHeader(crc, _counter.Count, _uncompressed);
                output.Position = end;
                _zip._written.Add(new Written(_name, _flags, Method, crc, _counter.Count, _uncompressed, _offset));
            }

            base.Dispose(disposing);
        }

        private ushort Method => _deflate ? (ushort)8 : (ushort)0;

        private void WriteLocalHeader(uint crc, long compressed, long uncompressed)
        {
            var header = new byte[LocalLength + _name.Length + Zip64ExtraLength];
            var span = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(span, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Zip64Version);
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], _flags);
            BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Method);
            BinaryPrimitives.WriteUInt16LittleEndian(span[12..], DosDate1980);
            BinaryPrimitives.WriteUInt32LittleEndian(span[14..], crc);
            // Sizes are in the zip64 field; the 32-bit fields say so with all ones (as Python's force_zip64 does).
            BinaryPrimitives.WriteUInt32LittleEndian(span[18..], uint.MaxValue);
            BinaryPrimitives.WriteUInt32LittleEndian(span[22..], uint.MaxValue);
            BinaryPrimitives.WriteUInt16LittleEndian(span[26..], (ushort)_name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(span[28..], Zip64ExtraLength);
            _name.CopyTo(span[LocalLength..]);
            var extra = span[(LocalLength + _name.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16);
            BinaryPrimitives.WriteUInt64LittleEndian(extra[4..], (ulong)uncompressed);
            BinaryPrimitives.WriteUInt64LittleEndian(extra[12..], (ulong)compressed);
            _zip.Output.Write(header);
        }
    }

    /// <summary>Passes writes on and counts them (the compressed size).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Count += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
