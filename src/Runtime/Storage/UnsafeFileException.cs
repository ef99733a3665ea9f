namespace Checkpoint.Storage;

/// <summary>
/// A name inside a checkpoint directory is not what the library may open: a symbolic link, or not a regular
/// file (a FIFO, socket, device or directory). An <see cref="IOException"/>, so every caller that already treats
/// an unreadable file as damaged (the manager: fall back to an earlier step) treats this one the same way.
/// </summary>
internal sealed class UnsafeFileException(string path, string what) : IOException($"{path} is {what}; checkpoint files are opened only as regular files, never through links.")
{
    /// <summary>The refused path.</summary>
    public string Path { get; } = path;
}
