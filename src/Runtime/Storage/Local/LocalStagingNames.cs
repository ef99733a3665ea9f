using System.Text.RegularExpressions;

namespace Checkpoint.Storage;

/// <summary>
/// The hidden names the local backend gives a prefix while it is staged, replaced or deleted, next to the prefix:
/// <c>.tmp-&lt;segment&gt;-&lt;staging id&gt;</c> (objects being staged), <c>.old-&lt;segment&gt;-&lt;guid&gt;</c> (the
/// previous version while a staging is published over it) and <c>.del-&lt;segment&gt;-&lt;guid&gt;</c> (a prefix being
/// deleted). All are reserved (<see cref="StorageNames"/>), so they are never listed as objects, and
/// <see cref="ObjectStorage.RecoverStagingsAsync"/> finishes or undoes what a killed writer left under them.
/// </summary>
internal static partial class LocalStagingNames
{
    public static string Staging(string segment, string stagingId) => AtomicFile.TemporaryMarker + segment + "-" + stagingId;

    public static string Replaced(string segment) => StorageNames.OldPrefix + segment + "-" + Guid.NewGuid().ToString("N");

    public static string Deleted(string segment) => StorageNames.DeletedPrefix + segment + "-" + Guid.NewGuid().ToString("N");

    /// <summary>What an entry name is: the kind of leftover and the segment of the prefix it belongs to; null for other names.</summary>
    public static (StagingRecoveryKind Kind, string Segment)? Parse(string entryName)
    {
        var match = Pattern().Match(entryName);
        if (!match.Success) return null;
        var kind = match.Groups["kind"].Value switch
        {
            "tmp" => StagingRecoveryKind.AbandonedStagingRemoved,
            "del" => StagingRecoveryKind.InterruptedDeletionRemoved,
            _ => StagingRecoveryKind.ReplacedVersionRestored,
        };
        return (kind, match.Groups["segment"].Value);
    }

    // The id after the last '-': a staging id without '-' (every id this library makes), or a 32-hex guid.
    [GeneratedRegex(@"^\.(?<kind>tmp|old|del)-(?<segment>.+)-[A-Za-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
