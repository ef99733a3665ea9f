using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Storage;

/// <summary>
/// The optional integrity record of a plain checkpoint file: <c>model.msgpack.sha256</c> next to it, in the format
/// <c>sha256sum</c> writes (<c>&lt;64 hex digits&gt;  model.msgpack</c>), so <c>sha256sum -c model.msgpack.sha256</c>
/// checks it with standard tools and Python checks it with <c>hashlib</c>. The checkpoint formats have no room
/// for a checksum of their own without breaking Python readers; the sidecar adds one beside them.
/// </summary>
/// <remarks>
/// Saves write it with <see cref="SaveOptions.WriteChecksum"/> (hashed while the bytes are written, written after
/// them; a stale one is removed before the data is replaced); loads check it when present unless
/// <see cref="LoadOptions.VerifyChecksum"/> is false. On object storage the sidecar is the object <c>name.sha256</c>.
/// </remarks>
public static class ChecksumSidecar
{
    /// <summary>The sidecar's extension, appended to the checkpoint's file name.</summary>
    public const string Extension = ".sha256";

    /// <summary>What <see cref="SidecarCheck.Summary"/> says when there is no sidecar.</summary>
    public const string NoChecksum = "no checksum: structure only";

    // One line: 64 hex digits, two spaces (sha256sum's text mode; "*" for binary mode is accepted too), the name.
    private const int MaxSidecarBytes = 64 + 2 + 4096 + 2;

    /// <summary>The sidecar path of <paramref name="file"/>.</summary>
    public static string PathFor(string file) => file + Extension;

    /// <summary>The SHA-256 of a whole file, read in pieces (never through a link the user did not name).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[] Compute(string file, CancellationToken cancellationToken = default)
    {
        using var stream = SafeFile.OpenReadStream(Path.GetFullPath(file), followLinks: true);
        return Compute(stream, cancellationToken);
    }

    /// <summary>Writes the sidecar of <paramref name="file"/> for <paramref name="sha256"/> (atomically).</summary>
    public static string Write(string file, ReadOnlySpan<byte> sha256)
    {
        var bytes = Line(sha256, Path.GetFileName(file));
        return AtomicFile.Write(PathFor(file), stream => stream.Write(bytes));
    }

    /// <summary>Removes the sidecar of <paramref name="file"/>, if any (before the file is replaced, so a stale one never describes it).</summary>
    public static void Delete(string file)
    {
        var path = PathFor(file);
        if (File.Exists(path) || SafeFile.IsLink(path)) File.Delete(path);
    }

    /// <summary>
    /// Checks <paramref name="file"/> against its sidecar: absent (structure can still be checked, the data cannot),
    /// matching, or not (the message says what was expected and found). The file is read whole.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SidecarCheck Verify(string file, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(file);
        return Check(fullPath, () => Compute(fullPath, cancellationToken));
    }

    /// <summary>Checks the file open as <paramref name="handle"/> (what a load reads) against the sidecar next to <paramref name="fullPath"/>.</summary>
    internal static SidecarCheck Verify(string fullPath, SafeFileHandle handle, CancellationToken cancellationToken)
    {
        return Check(fullPath, () =>
        {
            // Positional reads of the load's own handle: what is checked is what is loaded, and its position is untouched.
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            return hash.GetHashAndReset();
        });
    }

    /// <summary>Refuses a load whose file does not match its sidecar, naming the file and both checksums.</summary>
    /// <exception cref="CheckpointFormatException">The sidecar is present and does not match, or cannot be read.</exception>
    internal static void ThrowIfMismatch(SidecarCheck check, string fileName)
    {
        if (check.Present && !check.Matches)
            throw new CheckpointFormatException(
                check.Summary + " (load with VerifyChecksum = false to read it anyway)", fileName, "", 0);
    }

    /// <summary>Writes the sidecar object <c>name.sha256</c> of the object <paramref name="name"/>.</summary>
    internal static Task WriteAsync(ObjectStorage storage, string name, ReadOnlySpan<byte> sha256, CancellationToken cancellationToken) =>
        storage.WriteAsync(name + Extension, Line(sha256, StorageNames.LastSegment(name)), null, cancellationToken);

    /// <summary>Checks the object <paramref name="name"/> against its sidecar object, if any (reads the object whole).</summary>
    internal static async Task<SidecarCheck> VerifyAsync(ObjectStorage storage, string name, CancellationToken cancellationToken)
    {
        var sidecarName = name + Extension;
        var info = await storage.GetInfoAsync(sidecarName, cancellationToken).ConfigureAwait(false);
        if (info is null) return new SidecarCheck(false, false, null, null, NoChecksum);
        var location = storage.LocationOf(sidecarName);
        if (info.Length > MaxSidecarBytes) return Unreadable(location, $"it is {info.Length} bytes, not one line");
        var bytes = new byte[info.Length];
        await storage.ReadRangeAsync(sidecarName, 0, bytes, cancellationToken).ConfigureAwait(false);
        var data = await storage.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        await using (data.ConfigureAwait(false))
        {
            var actual = await ComputeAsync(data, cancellationToken).ConfigureAwait(false);
            return Compare(bytes, location, StorageNames.LastSegment(sidecarName), actual);
        }
    }

    /// <summary>The SHA-256 of a stream from its current position to its end.</summary>
    internal static byte[] Compute(Stream stream, CancellationToken cancellationToken)
    {
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

    private static async Task<byte[]> ComputeAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) hash.AppendData(buffer, 0, read);
        return hash.GetHashAndReset();
    }

    // sha256sum's text mode: the hex digest, two spaces, the file's name, a newline.
    private static byte[] Line(ReadOnlySpan<byte> sha256, string fileName)
    {
        if (sha256.Length != SHA256.HashSizeInBytes) throw new ArgumentException("A SHA-256 has 32 bytes.", nameof(sha256));
        return Encoding.UTF8.GetBytes(Convert.ToHexString(sha256).ToLowerInvariant() + "  " + fileName + "\n");
    }

    private static SidecarCheck Check(string fullPath, Func<byte[]> compute)
    {
        var sidecarPath = PathFor(fullPath);
        byte[]? sidecar;
        try
        {
            sidecar = SafeFile.TryReadAllBytes(sidecarPath, MaxSidecarBytes);
        }
        catch (IOException e)
        {
            return Unreadable(sidecarPath, e.Message);
        }

        return sidecar is null
            ? new SidecarCheck(false, false, null, null, NoChecksum)
            : Compare(sidecar, sidecarPath, Path.GetFileName(sidecarPath), compute());
    }

    private static SidecarCheck Compare(byte[] sidecar, string sidecarLocation, string sidecarName, byte[] actualHash)
    {
        var text = Encoding.UTF8.GetString(sidecar);
        var expected = text.Length >= 64 ? text[..64].ToLowerInvariant() : "";
        if (expected.Length != 64 || !expected.All(Uri.IsHexDigit))
            return new SidecarCheck(true, false, null, null, $"{sidecarLocation} does not start with a SHA-256 (64 hex digits)");
        var actual = Convert.ToHexString(actualHash).ToLowerInvariant();
        return actual == expected
            ? new SidecarCheck(true, true, expected, actual, "SHA-256 matches")
            : new SidecarCheck(true, false, expected, actual,
                string.Create(CultureInfo.InvariantCulture, $"SHA-256 is {actual}, {sidecarName} says {expected} (the data changed)"));
    }

    private static SidecarCheck Unreadable(string sidecarLocation, string why) =>
        new(true, false, null, null, $"{sidecarLocation} cannot be read: {why}");
}

/// <summary>The outcome of <see cref="ChecksumSidecar.Verify(string, CancellationToken)"/>.</summary>
/// <param name="Present">Whether the file has a sidecar.</param>
/// <param name="Matches">Whether the file's SHA-256 is the one recorded.</param>
/// <param name="Expected">The recorded SHA-256 (lower-case hex), when readable.</param>
/// <param name="Actual">The file's SHA-256, when computed.</param>
/// <param name="Summary">What to tell a user (<c>no checksum: structure only</c>, <c>SHA-256 matches</c>, or the mismatch).</param>
public sealed record SidecarCheck(bool Present, bool Matches, string? Expected, string? Actual, string Summary);
