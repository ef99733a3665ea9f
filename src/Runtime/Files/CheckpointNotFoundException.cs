namespace Checkpoint;

/// <summary>
/// A load was asked for a checkpoint file that does not exist. The message is <c>Checkpoint not found: &lt;path&gt;</c>;
/// the inner exception is the <see cref="FileNotFoundException"/> (or <see cref="DirectoryNotFoundException"/>) of the open.
/// </summary>
public sealed class CheckpointNotFoundException : CheckpointException
{
    /// <summary>Creates the exception for a full path.</summary>
    public CheckpointNotFoundException(string path, Exception? innerException = null)
        : base($"Checkpoint not found: {path}", innerException)
    {
        FileName = path;
    }

    /// <summary>The full path that was not found.</summary>
    public string FileName { get; }
}
