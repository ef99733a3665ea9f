using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Management;

/// <summary>Reads a file back and computes what the manifest records for it.</summary>
internal static class FileChecksum
{
    /// <summary>The size and XxHash128 of everything an open file holds (read from the handle, not reopened by name).</summary>
    public static ManifestFileEntry Compute(SafeFileHandle file, CancellationToken cancellationToken)
    {
        var hash = new XxHash128();
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = RandomAccess.Read(file, buffer, size)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.Append(buffer.AsSpan(0, read));
            size += read;
        }

        return new ManifestFileEntry(size, ManifestSerializer.Hex(hash.GetCurrentHash()));
    }
}
