using System.IO.Hashing;

namespace Checkpoint.Management;

/// <summary>Reads a file back and computes what the manifest records for it.</summary>
internal static class FileChecksum
{
    public static ManifestFileEntry Compute(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var hash = new XxHash128();
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.Append(buffer.AsSpan(0, read));
            size += read;
        }

        return new ManifestFileEntry(size, ManifestSerializer.Hex(hash.GetCurrentHash()));
    }
}
