using System.IO.Hashing;
using Checkpoint.Storage;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Management;

/// <summary>Reads a data file back and computes what the manifest records for it.</summary>
internal static class FileChecksum
{
    // Large ranges: one request per range on object stores.
    private const int RangeLength = 4 << 20;

    /// <summary>The size and XxHash128 of everything an open object holds (read through the reader, pinned to the version it opened).</summary>
    public static async Task<ManifestFileEntry> ComputeAsync(StorageObjectReader reader, CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        var buffer = new byte[(int)Math.Min(RangeLength, Math.Max(1, reader.Length))];
        for (long offset = 0; offset < reader.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = (int)Math.Min(buffer.Length, reader.Length - offset);
            await reader.ReadAsync(offset, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            hash.Append(buffer.AsSpan(0, length));
            offset += length;
        }

        return new ManifestFileEntry(reader.Length, ManifestSerializer.Hex(hash.GetCurrentHash()));
    }

    /// <summary>The size and XxHash128 of everything an open file holds (read from the handle, not reopened by name; the handle stays open).</summary>
    public static ManifestFileEntry Compute(SafeFileHandle file, CancellationToken cancellationToken) =>
        ComputeAsync(LocalObjectReader.ForHandle(file), cancellationToken).GetAwaiter().GetResult();
}
