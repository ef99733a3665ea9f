using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Checkpoint.Storage;

/// <summary>
/// The optional integrity record of a plain checkpoint file: <c>model.msgpack.sha256</c> next to it, in the format
/// <c>sha256sum</c> writes (<c>&lt;64 hex digits&gt;  model.msgpack</c>), so <c>sha256sum -c model.msgpack.sha256</c>
/// checks it with standard tools and Python checks it with <c>hashlib</c>. The checkpoint formats have no room
/// for a checksum of their own without breaking Python readers; the sidecar adds one beside them.
/// </summary>
public static class ChecksumSidecar
{
    /// <summary>The sidecar's extension, appended to the checkpoint's file name.</summary>
    public const string Extension = ".sha256";

    // One line: 64 hex digits, two spaces (sha256sum's text mode; "*" for binary mode is accepted too), the name.
    private const int MaxSidecarBytes = 64 + 2 + 4096 + 2;

    /// <summary>The sidecar path of <paramref name="file"/>.</summary>
    public static string PathFor(string file) => file + Extension;

    /// <summary>The SHA-256 of a whole file, read in pieces (never through a link the user did not name).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[] Compute(string file, CancellationToken cancellationToken = default)
    {
        using var stream = SafeFile.OpenReadStream(Path.GetFullPath(file), followLinks: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Writes the sidecar of <paramref name="file"/> for <paramref name="sha256"/> (atomically).</summary>
    public static string Write(string file, ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != SHA256.HashSizeInBytes) throw new ArgumentException("A SHA-256 has 32 bytes.", nameof(sha256));
        var line = Convert.ToHexString(sha256).ToLowerInvariant() + "  " + Path.GetFileName(file) + "\n";
        var bytes = Encoding.UTF8.GetBytes(line);
        return AtomicFile.Write(PathFor(file), stream => stream.Write(bytes));
    }

    /// <summary>Removes the sidecar of <paramref name="file"/>, if any (before the file is replaced, so a stale one never describes it).</summary>
    public static void Delete(string file)
    {
        var path = PathFor(file);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>
    /// Checks <paramref name="file"/> against its sidecar: absent (structure can still be checked, the data cannot),
    /// matching, or not (the message says what was expected and found). The file is read whole.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SidecarCheck Verify(string file, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(file);
        byte[]? sidecar;
        try
        {
            sidecar = SafeFile.TryReadAllBytes(PathFor(fullPath), MaxSidecarBytes);
        }
        catch (IOException e)
        {
            return new SidecarCheck(true, false, null, null, $"{PathFor(fullPath)} cannot be read: {e.Message}");
        }

        if (sidecar is null) return new SidecarCheck(false, false, null, null, "no checksum: structure only");
        var text = Encoding.UTF8.GetString(sidecar);
        var expected = text.Length >= 64 ? text[..64].ToLowerInvariant() : "";
        if (expected.Length != 64 || !expected.All(Uri.IsHexDigit))
            return new SidecarCheck(true, false, null, null, $"{PathFor(fullPath)} does not start with a SHA-256 (64 hex digits)");
        var actual = Convert.ToHexString(Compute(fullPath, cancellationToken)).ToLowerInvariant();
        return actual == expected
            ? new SidecarCheck(true, true, expected, actual, "SHA-256 matches")
            : new SidecarCheck(true, false, expected, actual,
                string.Create(CultureInfo.InvariantCulture, $"SHA-256 is {actual}, {Path.GetFileName(PathFor(fullPath))} says {expected} (the data changed)"));
    }
}

/// <summary>The outcome of <see cref="ChecksumSidecar.Verify"/>.</summary>
/// <param name="Present">Whether the file has a sidecar.</param>
/// <param name="Matches">Whether the file's SHA-256 is the one recorded.</param>
/// <param name="Expected">The recorded SHA-256 (lower-case hex), when readable.</param>
/// <param name="Actual">The file's SHA-256, when computed.</param>
/// <param name="Summary">What to tell a user (<c>no checksum: structure only</c>, <c>SHA-256 matches</c>, or the mismatch).</param>
public sealed record SidecarCheck(bool Present, bool Matches, string? Expected, string? Actual, string Summary);
