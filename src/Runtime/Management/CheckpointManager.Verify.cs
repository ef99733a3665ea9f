using Checkpoint.Storage;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    /// <summary>Checks one step's manifest, file sizes and checksums.</summary>
    /// <exception cref="CheckpointNotFoundException">The step does not exist.</exception>
    public StepVerification Verify(long step, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var verification = Wait(StepVerifier.VerifyAsync(Storage, step, checkData: true, null, cancellationToken));
        if (verification.Manifest is null && Wait(StepVerifier.ReadManifestAsync(Storage, step, cancellationToken)) is { Exists: false }
            && !Wait(HasObjectsAsync(Storage, StepNames.StepDirectory(step), cancellationToken)))
            throw new CheckpointNotFoundException(GetStepDirectory(step));
        return verification;
    }

    /// <summary>Checks every step of this manager's storage, oldest first.</summary>
    public IReadOnlyList<StepVerification> VerifyAll(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return VerifyStorage(Storage, cancellationToken);
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
        return VerifyStorage(new LocalFileStorage(full), cancellationToken);
    }

    /// <summary>
    /// Checks every step of a manager's storage (a directory, a container prefix, a bucket prefix) without opening or
    /// locking it, oldest first: each manifest, and every data file's size and XxHash128 (every shard of a sharded
    /// step). A step prefix without a manifest is an unfinished save, not a step, and is skipped (a manager removes it
    /// when it opens). For tools: <c>checkpoint verify</c> and the samples.
    /// </summary>
    public static IReadOnlyList<StepVerification> VerifyStorage(ObjectStorage storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var results = new List<StepVerification>();
        foreach (var prefix in Wait(Collect(storage.ListPrefixesAsync("", cancellationToken))))
        {
            if (StepNames.ParseStep(prefix) is not { } step) continue;
            var verification = Wait(StepVerifier.VerifyAsync(storage, step, checkData: true, null, cancellationToken));
            if (verification.Manifest is null && Wait(StepVerifier.ReadManifestAsync(storage, step, cancellationToken)) is { Exists: false }) continue;
            results.Add(verification);
        }

        return results.OrderBy(r => r.Step).ToList();
    }

    /// <summary>Whether <paramref name="directory"/> looks like a manager directory (it has a <c>step_*</c> directory or a <c>.lock</c> file).</summary>
    public static bool IsManagerDirectory(string directory) =>
        Directory.Exists(directory)
        && (File.Exists(Path.Combine(directory, StepNames.LockFile))
            || Directory.EnumerateDirectories(directory).Any(d => StepNames.ParseStep(Path.GetFileName(d)) is not null));

    private static async Task<bool> HasObjectsAsync(ObjectStorage storage, string prefix, CancellationToken cancellationToken)
    {
        await foreach (var _ in storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false)) return true;
        return false;
    }
}
