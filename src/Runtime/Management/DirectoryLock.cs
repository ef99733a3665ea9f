using System.Text;

namespace Checkpoint.Management;

/// <summary>
/// The <c>.lock</c> file of a manager directory, held open with <see cref="FileShare.None"/> for the manager's
/// lifetime (an OS lock, released by the kernel when the process dies, so a crash never leaves it stuck). The
/// holder's PID is written to it and, because the lock itself forbids reading it on Unix, also to the unlocked
/// <c>.lock.owner</c>, which the error message of a refused manager quotes.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DirectoryLock(FileStream stream) => _stream = stream;

    public static DirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, StepNames.LockFile);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            var holder = ReadHolder(Path.Combine(directory, StepNames.LockOwnerFile));
            throw new CheckpointException(
                $"Checkpoint directory {directory} is in use by another CheckpointManager{holder}; two managers must never write one directory (lock file {path}).", e);
        }

        try
        {
            var text = Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n");
            stream.SetLength(0);
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            File.WriteAllBytes(Path.Combine(directory, StepNames.LockOwnerFile), text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The PID is only informative; the open handle is the lock.
        }

        return new DirectoryLock(stream);
    }

    public void Dispose() => _stream.Dispose();

    // Written by the holder right after it took the lock; the message says so when it cannot be read.
    private static string ReadHolder(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadLine()?.Trim();
            return int.TryParse(text, out var pid) ? $" (process {pid})" : " (holder's PID unknown)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return " (holder's PID unreadable)";
        }
    }
}
