using Checkpoint.Storage;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    /// <summary>Checks one step's manifest, file sizes and checksums.</summary>
    /// <exception cref="CheckpointNotFoundException">The step does not exist.</exception>
    public StepVerification Verify(long step, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var path = GetStepDirectory(step);
        if (!SafeFile.EntryExists(path)) throw new CheckpointNotFoundException(path);
        return StepVerifier.Verify(path, step, checkData: true, cancellationToken);
    }

    /// <summary>Checks every step of this manager's directory, oldest first.</summary>
    public IReadOnlyList<StepVerification> VerifyAll(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return VerifyDirectory(DirectoryPath, cancellationToken);
    }

    /// <summary>
    /// Checks every step directory (<c>step_*</c>) of a manager directory without opening (or locking) it: for
    /// tools such as <c>checkpoint verify</c>. Staging entries of unfinished saves are not steps and are skipped.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<StepVerification> VerifyDirectory(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new CheckpointNotFoundException(full);
        var results = new List<StepVerification>();
        foreach (var entry in Directory.EnumerateDirectories(full))
        {
            if (StepNames.ParseStep(Path.GetFileName(entry)) is not { } step) continue;
            results.Add(StepVerifier.Verify(entry, step, checkData: true, cancellationToken));
        }

        return results.OrderBy(r => r.Step).ToList();
    }

    /// <summary>Whether <paramref name="directory"/> looks like a manager directory (it has a <c>step_*</c> directory or a <c>.lock</c> file).</summary>
    public static bool IsManagerDirectory(string directory) =>
        Directory.Exists(directory)
        && (File.Exists(Path.Combine(directory, StepNames.LockFile))
            || Directory.EnumerateDirectories(directory).Any(d => StepNames.ParseStep(Path.GetFileName(d)) is not null));
}
