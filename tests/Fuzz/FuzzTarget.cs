namespace Checkpoint.Fuzz;

/// <summary>
/// One reader under fuzzing. <see cref="Run"/> feeds it one input and swallows only the exceptions the reader
/// documents for a bad file (<see cref="IsDocumented"/>); anything else escapes and is a crash for AFL.
/// </summary>
/// <param name="Name">The name run.sh takes.</param>
/// <param name="Description">What is fuzzed.</param>
/// <param name="Read">Reads one input.</param>
/// <param name="IsDocumented">Whether an exception is one the reader promises for a bad input.</param>
/// <param name="Seeds">The starting corpus: (file name, bytes), given the repository root.</param>
internal sealed record FuzzTarget(
    string Name,
    string Description,
    Action<byte[]> Read,
    Func<Exception, bool> IsDocumented,
    Func<string, IEnumerable<(string Name, byte[] Bytes)>> Seeds)
{
    /// <summary>Reads <paramref name="input"/>; returns the documented exception it was refused with, or null when it was read.</summary>
    public Exception? Run(byte[] input)
    {
        try
        {
            Read(input);
            return null;
        }
        catch (Exception e) when (IsDocumented(e))
        {
            return e;
        }
    }
}
