namespace Checkpoint;

/// <summary>
/// A load was asked for a checkpoint that does not exist, or for a path that is a directory rather than a file.
/// The message is braintools' <c>Checkpoint not found: &lt;path&gt;</c>; <see cref="FileNotFoundException.FileName"/>
/// is the full path (or the storage location); the inner exception, when there is one, is the error of the open.
/// </summary>
/// <remarks>
/// It derives from <see cref="FileNotFoundException"/> (and so from <see cref="IOException"/>), not from
/// <see cref="CheckpointException"/>: a <c>catch (FileNotFoundException)</c> written for any .NET file API catches it,
/// which is what a user checking "is there a checkpoint yet?" writes.
/// </remarks>
public sealed class CheckpointNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception for a full path (or a storage location).</summary>
    public CheckpointNotFoundException(string path, Exception? innerException = null)
        : base($"Checkpoint not found: {path}", path, innerException)
    {
    }
}
