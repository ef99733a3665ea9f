namespace Checkpoint.Formats.MsgPack;

/// <summary>Settings of <see cref="MsgPackReader"/>.</summary>
public sealed record MsgPackReadOptions
{
    /// <summary>The defaults: no file name, nesting limited to 512 levels.</summary>
    public static MsgPackReadOptions Default { get; } = new();

    /// <summary>The name used in error messages (normally the file path); null leaves it out.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// The deepest nesting of maps (and arrays) accepted; deeper input is rejected as corrupt instead of
    /// exhausting the stack. Real checkpoints nest a few dozen levels at most. Must be at least 1.
    /// </summary>
    public int MaxDepth { get; init; } = 512;
}
