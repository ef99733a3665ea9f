namespace Checkpoint.Loading;

/// <summary>
/// One level of a dotted path, linked to its parent, so walks can name where they are without building a string
/// for every entry; the text is made (once) only when someone asks for it.
/// </summary>
internal sealed class PathNode(PathNode? parent, string key)
{
    private string? _text;

    public PathNode? Parent { get; } = parent;

    public string Key { get; } = key;

    /// <summary>The dotted path of this level.</summary>
    public string Text => _text ??= Parent is null ? Key : Parent.Text + StateDict.PathSeparator + Key;

    /// <summary>The dotted path of <paramref name="key"/> under <paramref name="parent"/> (the root when null).</summary>
    public static string Join(PathNode? parent, string key) => parent is null ? key : parent.Text + StateDict.PathSeparator + key;

    /// <summary>The keys from the root down to this level.</summary>
    public string[] Segments()
    {
        var depth = 0;
        for (var node = this; node is not null; node = node.Parent) depth++;
        var segments = new string[depth];
        for (var node = this; node is not null; node = node.Parent) segments[--depth] = node.Key;
        return segments;
    }
}
