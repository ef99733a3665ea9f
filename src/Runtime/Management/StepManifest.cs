namespace Checkpoint.Management;

/// <summary>
/// What <c>manifest.json</c> records about one committed step. A step exists only once its manifest is
/// committed; the manifest lists every data file with its size and XxHash128, so corruption is detected.
/// </summary>
/// <param name="Step">The training step.</param>
/// <param name="SavedAtUtc">When the save was committed (UTC).</param>
/// <param name="Metrics">The metrics given to the save (non-finite values round-trip).</param>
/// <param name="Metadata">
/// The metadata given to the save, as read back from JSON: strings, <see cref="long"/> or <see cref="double"/>
/// numbers, booleans, null, <c>List&lt;object?&gt;</c> and <c>Dictionary&lt;string, object?&gt;</c>.
/// </param>
/// <param name="FormatVersion">The manifest format version (<see cref="CurrentFormatVersion"/> when written by this library).</param>
/// <param name="LibraryVersion">The version of the library that wrote the step.</param>
/// <param name="Files">Each data file of the step by name (<c>model.msgpack</c>, <c>optimizer.msgpack</c>).</param>
public sealed record StepManifest(
    long Step,
    DateTimeOffset SavedAtUtc,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, object?> Metadata,
    int FormatVersion,
    string LibraryVersion,
    IReadOnlyDictionary<string, ManifestFileEntry> Files)
{
    /// <summary>The manifest format this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The total size of the step's data files in bytes.</summary>
    public long TotalBytes => Files.Values.Sum(f => f.Size);
}

/// <summary>One data file of a step as the manifest records it.</summary>
/// <param name="Size">Its length in bytes.</param>
/// <param name="XxHash128">The XxHash128 (seed 0) of its bytes, as 32 lowercase hex digits (big-endian).</param>
public sealed record ManifestFileEntry(long Size, string XxHash128);
