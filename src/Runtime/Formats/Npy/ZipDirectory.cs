using System.Buffers.Binary;
using System.Text;

namespace Checkpoint.Formats.Npy;

/// <summary>
/// Reads the member list of a zip archive (what <c>np.savez</c> writes through Python's zipfile): the end record
/// (zip64 too), the central directory and each member's local header, checking every size and offset against
/// the file before anything is allocated from it. Refused: multi-disk archives, encryption, compression other
/// than stored and deflate, members that overlap, and bytes between the members and the directory that nothing
/// accounts for are tolerated only where zip allows them (data descriptors).
/// </summary>
internal static class ZipDirectory
{
    private const uint LocalSignature = 0x04034b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const int EndLength = 22;
    private const int Zip64EndLength = 56;
    private const int Zip64LocatorLength = 20;
    private const int CentralLength = 46;
    private const int LocalLength = 30;

    // Deflate expands at most about 1032:1; a member declaring more is not deflate data, and refusing it keeps a
    // small file from making the reader allocate a huge array.
    private const long MaxDeflateRatio = 1032;

    /// <summary>The members in central-directory order.</summary>
    /// <exception cref="CheckpointFormatException">The archive is malformed or uses a feature this reader refuses.</exception>
    public static List<ZipEntry> Read(RandomAccessSource source)
    {
        var file = source.Name;
        var length = source.Length;
        if (length < EndLength) throw Error(file, "", 0, $"the file has {length} bytes, too few for a zip archive (npz)");

        var (endOffset, end) = FindEnd(source);
        if (BinaryPrimitives.ReadUInt16LittleEndian(end[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(end[6..]) != 0)
            throw Error(file, "", endOffset, "multi-disk (split) zip archives are not read");
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var directoryEnd = endOffset;

        if (endOffset >= Zip64LocatorLength)
        {
            Span<byte> locator = stackalloc byte[Zip64LocatorLength];
            source.ReadExactlyAt(endOffset - Zip64LocatorLength, locator, "", "the zip64 locator");
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64LocatorSignature)
            {
                var zip64Offset = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
                if (zip64Offset < 0 || zip64Offset > endOffset - Zip64LocatorLength - Zip64EndLength)
                    throw Error(file, "", endOffset - Zip64LocatorLength, $"the zip64 end record is said to be at byte {zip64Offset}, outside the archive");
                Span<byte> zip64 = stackalloc byte[Zip64EndLength];
                source.ReadExactlyAt(zip64Offset, zip64, "", "the zip64 end record");
                if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
                    throw Error(file, "", zip64Offset, "the zip64 end record has the wrong signature");
                if (BinaryPrimitives.ReadUInt32LittleEndian(zip64[16..]) != 0 || BinaryPrimitives.ReadUInt32LittleEndian(zip64[20..]) != 0)
                    throw Error(file, "", zip64Offset, "multi-disk (split) zip archives are not read");
                entries = BinaryPrimitives.ReadInt64LittleEndian(zip64[32..]);
                directorySize = BinaryPrimitives.ReadInt64LittleEndian(zip64[40..]);
                directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(zip64[48..]);
                directoryEnd = zip64Offset;
            }
        }

        // Writers put the directory right before the end records; anything else is not an archive we wrote or numpy did.
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > directoryEnd || directorySize != directoryEnd - directoryOffset)
            throw Error(file, "", endOffset, $"the central directory is said to take bytes {directoryOffset}..{directoryOffset + directorySize}, but it must end where the end record starts (byte {directoryEnd})");
        if (entries < 0 || entries > directorySize / CentralLength)
            throw Error(file, "", endOffset, $"{entries} members cannot fit a central directory of {directorySize} bytes");
        if (directorySize > Array.MaxLength)
            throw Error(file, "", endOffset, $"a central directory of {directorySize} bytes is larger than this reader accepts");

        var directory = new byte[directorySize];
        source.ReadExactlyAt(directoryOffset, directory, "", "the central directory");
        var result = new List<ZipEntry>((int)entries);
        var at = 0;
        for (var i = 0; i < entries; i++)
            result.Add(ReadEntry(source, directory, ref at, directoryOffset, directoryOffset));
        if (at != directory.Length)
            throw Error(file, "", directoryOffset + at, $"{directory.Length - at} byte(s) in the central directory after its {entries} member(s)");

        CheckNoOverlap(result, file);
        return result;
    }

    private static (long Offset, byte[] Record) FindEnd(RandomAccessSource source)
    {
        // The end record is the last 22 bytes plus a comment of up to 65535 bytes; search backwards for a
        // signature whose comment length reaches exactly to the end of the file.
        var tailLength = (int)Math.Min(source.Length, EndLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        var tailStart = source.Length - tailLength;
        source.ReadExactlyAt(tailStart, tail, "", "the end of the archive");
        for (var p = tailLength - EndLength; p >= 0; p--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(p)) != EndSignature) continue;
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(p + 20));
            if (p + EndLength + commentLength == tailLength) return (tailStart + p, tail[p..(p + EndLength)]);
        }

        throw Error(source.Name, "", source.Length, "no zip end record: this is not an npz (zip) archive, or it is truncated");
    }

    private static ZipEntry ReadEntry(RandomAccessSource source, byte[] directory, ref int at, long directoryOffset, long dataLimit)
    {
        var file = source.Name;
        var recordOffset = directoryOffset + at;
        var record = directory.AsSpan(at);
        if (record.Length < CentralLength || BinaryPrimitives.ReadUInt32LittleEndian(record) != CentralSignature)
            throw Error(file, "", recordOffset, "a central directory record has the wrong signature or is cut short");
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        long compressed = BinaryPrimitives.ReadUInt32LittleEndian(record[20..]);
        long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(record[24..]);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]);
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(record[30..]);
        int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(record[32..]);
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(record[34..]);
        long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[42..]);
        if (CentralLength + nameLength + extraLength + commentLength > record.Length)
            throw Error(file, "", recordOffset, "a central directory record runs past the end of the directory");
        var nameBytes = record.Slice(CentralLength, nameLength);
        var name = DecodeName(nameBytes, flags, file, recordOffset);
        ReadZip64Extra(record.Slice(CentralLength + nameLength, extraLength), ref uncompressed, ref compressed, ref localOffset, ref disk, file, name);
        at += CentralLength + nameLength + extraLength + commentLength;

        if (disk != 0) throw Error(file, name, recordOffset, "the member is on another disk of a split archive");
        if ((flags & 1) != 0) throw Error(file, name, recordOffset, "the member is encrypted");
        if (method is not (0 or 8)) throw Error(file, name, recordOffset, $"compression method {method} (only stored and deflate, what numpy writes, are read)");
        if (compressed < 0 || uncompressed < 0 || localOffset < 0)
            throw Error(file, name, recordOffset, "a size or offset is larger than any file");
        if (method == 0 && compressed != uncompressed)
            throw Error(file, name, recordOffset, $"a stored member has {compressed} bytes in the archive but declares {uncompressed}");
        if (method == 8 && uncompressed > compressed * MaxDeflateRatio + 1024)
            throw Error(file, name, recordOffset, $"{compressed} compressed bytes cannot expand to the {uncompressed} declared");

        // The local header repeats the name; its extra field may differ (numpy's writer puts zip64 sizes there).
        if (localOffset > dataLimit - LocalLength)
            throw Error(file, name, recordOffset, $"the member's header is said to be at byte {localOffset}, outside the archive's data");
        Span<byte> local = stackalloc byte[LocalLength];
        source.ReadExactlyAt(localOffset, local, name, "a member header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
            throw Error(file, name, localOffset, "the member's local header has the wrong signature");
        if (BinaryPrimitives.ReadUInt16LittleEndian(local[8..]) != method)
            throw Error(file, name, localOffset, "the member's local header and the central directory disagree on the compression");
        int localNameLength = BinaryPrimitives.ReadUInt16LittleEndian(local[26..]);
        int localExtraLength = BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
        var dataStart = localOffset + LocalLength + localNameLength + localExtraLength;
        if (dataStart > dataLimit || compressed > dataLimit - dataStart)
            throw Error(file, name, localOffset, $"the member's {compressed} bytes of data run past the start of the central directory (byte {dataLimit})");
        var localName = new byte[localNameLength];
        source.ReadExactlyAt(localOffset + LocalLength, localName, name, "a member name");
        if (!nameBytes.SequenceEqual(localName))
            throw Error(file, name, localOffset, "the member's local header names a different file than the central directory");

        return new ZipEntry(name, method == 8, crc, compressed, uncompressed, localOffset, dataStart);
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes, ushort flags, string file, long offset)
    {
        try
        {
            // Bit 11: the name is UTF-8 (Python sets it for non-ASCII names). Without it zip means code page 437,
            // which numpy never writes for the ASCII names it uses; other bytes are refused rather than guessed.
            if ((flags & 0x800) != 0) return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            foreach (var b in bytes)
                if (b >= 0x80) throw Error(file, "", offset, "a member name is not ASCII and not marked as UTF-8 (code page 437 names are not read)");
            return Encoding.ASCII.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(file, "", offset, "a member name marked as UTF-8 is not valid UTF-8");
        }
    }

    // The zip64 extended information (header 0x0001) holds, in this order, the 64-bit values of whichever of the
    // uncompressed size, compressed size, local header offset and disk number are all ones in the record.
    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long offset, ref ushort disk, string file, string name)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4) throw Error(file, name, 0, "an extra field of the member's directory record runs past its end");
            if (id == 1)
            {
                var fields = extra.Slice(4, size);
                if (uncompressed == uint.MaxValue) uncompressed = Take64(ref fields, file, name);
                if (compressed == uint.MaxValue) compressed = Take64(ref fields, file, name);
                if (offset == uint.MaxValue) offset = Take64(ref fields, file, name);
                if (disk == ushort.MaxValue)
                {
                    if (fields.Length < 4) throw Error(file, name, 0, "the zip64 field is too short for the disk number");
                    disk = BinaryPrimitives.ReadUInt32LittleEndian(fields) == 0 ? (ushort)0 : ushort.MaxValue;
                }
            }

            extra = extra[(4 + size)..];
        }
    }

    private static long Take64(ref ReadOnlySpan<byte> fields, string file, string name)
    {
        if (fields.Length < 8) throw Error(file, name, 0, "the zip64 field is too short for the sizes it must hold");
        var value = BinaryPrimitives.ReadInt64LittleEndian(fields);
        fields = fields[8..];
        return value;
    }

    private static void CheckNoOverlap(List<ZipEntry> entries, string file)
    {
        var ordered = entries.OrderBy(e => e.LocalHeaderOffset).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            if (previous.DataStart + previous.CompressedSize > ordered[i].LocalHeaderOffset)
                throw Error(file, ordered[i].Name, ordered[i].LocalHeaderOffset, $"the member overlaps '{previous.Name}'");
        }
    }

    private static CheckpointFormatException Error(string file, string member, long offset, string detail) =>
        new(detail, file, member, offset);
}
