namespace Checkpoint.Formats;

/// <summary>Settings of the readers of plain array files: <c>.npy</c>, <c>.npz</c> and <c>.safetensors</c>.</summary>
public sealed record ArrayFileReadOptions
{
    /// <summary>The defaults: no file name, dotted names nest.</summary>
    public static ArrayFileReadOptions Default { get; } = new();

    /// <summary>The name used in error messages and array locations (normally the file path); null uses the stream's name if it has one.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// When false (the default), names with dots become nested maps (<c>encoder.weight</c> is <c>encoder</c> →
    /// <c>weight</c>), the tree a model's state dictionary has. When true, every name is one key of the root, as
    /// it is in the file: use it for files whose names do not form a tree (both <c>a</c> and <c>a.b</c>).
    /// </summary>
    public bool KeepDottedNames { get; init; }
}
