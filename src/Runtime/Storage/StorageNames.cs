using System.Text;

namespace Checkpoint.Storage;

/// <summary>
/// Object names and prefixes of an <see cref="ObjectStorage"/>: <c>'/'</c>-separated relative paths such as
/// <c>step_00000042/model.msgpack</c>. This is the one place they are checked, so every backend (and a checkpoint
/// copied from one backend to another, or onto a Windows disk) sees the same names.
/// </summary>
/// <remarks>
/// A valid name is non-empty, at most <see cref="MaxByteLength"/> UTF-8 bytes, has no leading or trailing
/// <c>'/'</c>, no empty segment (<c>a//b</c>), no <c>.</c> or <c>..</c> segment, no backslash, no control
/// character and none of <c>: * ? " &lt; &gt; |</c> (invalid in Windows file names). Segments that look like the
/// local backend's in-progress entries (a name starting with <c>.</c> that contains <c>.tmp-</c>, or starting
/// with <c>.old-</c> or <c>.del-</c>) are reserved, so a user's object can never be mistaken for an unfinished write.
/// A prefix is either empty (the whole storage) or a valid name.
/// </remarks>
public static class StorageNames
{
    /// <summary>The separator between segments.</summary>
    public const char Separator = '/';

    /// <summary>The longest name in UTF-8 bytes (the key limit of S3 and Azure Blob Storage).</summary>
    public const int MaxByteLength = 1024;

    /// <summary>The start of the name under which the local backend keeps a replaced prefix until its replacement is committed.</summary>
    internal const string OldPrefix = ".old-";

    /// <summary>The start of the name under which the local backend deletes a prefix (renamed out of sight first).</summary>
    internal const string DeletedPrefix = ".del-";

    private const string ForbiddenCharacters = "\\:*?\"<>|";

    /// <summary>Returns <paramref name="name"/> if it is a valid object name; throws otherwise.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="parameterName">The parameter name for the exception.</param>
    /// <exception cref="ArgumentException">The name is not valid; the message says why.</exception>
    public static string Validate(string name, string parameterName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (Problem(name) is { } problem)
            throw new ArgumentException(
                $"Invalid storage name '{name}': {problem} (names are '/'-separated relative paths such as 'step_00000001/model.msgpack').", parameterName);
        return name;
    }

    /// <summary>Returns <paramref name="prefix"/> if it is empty or a valid name; throws otherwise.</summary>
    /// <exception cref="ArgumentException">The prefix is not valid; the message says why.</exception>
    public static string ValidatePrefix(string prefix, string parameterName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        return prefix.Length == 0 ? prefix : Validate(prefix, parameterName);
    }

    /// <summary>Whether <paramref name="name"/> is a valid object name.</summary>
    public static bool IsValid(string? name) => name is not null && Problem(name) is null;

    /// <summary>Joins a prefix (possibly empty) and a name: <c>Join("a", "b/c")</c> is <c>a/b/c</c>.</summary>
    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + Separator + name;

    /// <summary>Whether <paramref name="name"/> lies under <paramref name="prefix"/> (every name lies under the empty prefix).</summary>
    public static bool IsUnder(string name, string prefix) =>
        prefix.Length == 0 || (name.Length > prefix.Length && name[prefix.Length] == Separator && name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The part of <paramref name="name"/> after <paramref name="prefix"/> and its separator.</summary>
    /// <exception cref="ArgumentException">The name does not lie under the prefix.</exception>
    public static string Relative(string name, string prefix)
    {
        if (!IsUnder(name, prefix)) throw new ArgumentException($"'{name}' does not lie under '{prefix}'.", nameof(name));
        return prefix.Length == 0 ? name : name[(prefix.Length + 1)..];
    }

    /// <summary>The last segment of a name (<c>model.msgpack</c> for <c>step_1/model.msgpack</c>).</summary>
    public static string LastSegment(string name) => name[(name.LastIndexOf(Separator) + 1)..];

    /// <summary>The name without its last segment, or the empty prefix for a one-segment name.</summary>
    public static string Parent(string name)
    {
        var slash = name.LastIndexOf(Separator);
        return slash < 0 ? "" : name[..slash];
    }

    /// <summary>Whether a single segment is reserved for the local backend's in-progress entries.</summary>
    internal static bool IsReservedSegment(string segment) =>
        AtomicFile.IsTemporaryFile(segment) || segment.StartsWith(OldPrefix, StringComparison.Ordinal) || segment.StartsWith(DeletedPrefix, StringComparison.Ordinal);

    private static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (Encoding.UTF8.GetByteCount(name) > MaxByteLength) return $"it is longer than {MaxByteLength} UTF-8 bytes";
        if (name[0] == Separator) return "it starts with '/' (names are relative)";
        if (name[^1] == Separator) return "it ends with '/'";
        foreach (var c in name)
        {
            if (char.IsControl(c)) return $"it contains the control character U+{(int)c:X4}";
            if (ForbiddenCharacters.Contains(c)) return $"it contains '{c}'";
        }

        foreach (var segment in name.Split(Separator))
        {
            if (segment.Length == 0) return "it has an empty segment ('//')";
            if (segment is "." or "..") return $"it has a '{segment}' segment";
            if (IsReservedSegment(segment)) return $"the segment '{segment}' is reserved for unfinished writes";
        }

        return null;
    }
}
