namespace Checkpoint.Formats.Npy;

/// <summary>One member of a zip archive, as its central directory and local header describe it.</summary>
/// <param name="Name">The member name (<c>weight.npy</c>).</param>
/// <param name="IsDeflated">Whether the data is deflate-compressed (else stored as is).</param>
/// <param name="Crc32">The CRC-32 of the uncompressed bytes.</param>
/// <param name="CompressedSize">The bytes the data takes in the archive.</param>
/// <param name="UncompressedSize">The bytes of the member itself.</param>
/// <param name="LocalHeaderOffset">Where the member's local header starts.</param>
/// <param name="DataStart">Where its (compressed) data starts.</param>
internal sealed record ZipEntry(
    string Name, bool IsDeflated, uint Crc32, long CompressedSize, long UncompressedSize, long LocalHeaderOffset, long DataStart);
