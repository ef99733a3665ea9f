namespace Checkpoint.Management;

/// <summary>Whether one step directory is intact: its manifest reads and every data file has the recorded size and checksum.</summary>
/// <param name="Step">The step number (from the directory name).</param>
/// <param name="Path">The full path of the step directory.</param>
/// <param name="Manifest">The manifest, or null when it is missing or unreadable.</param>
/// <param name="Problems">Everything wrong with the step, in words naming the file; empty when intact.</param>
public sealed record StepVerification(long Step, string Path, StepManifest? Manifest, IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsIntact => Problems.Count == 0;

    /// <summary>The problems joined for a message, or <c>intact</c>.</summary>
    public string Summary => IsIntact ? "intact" : string.Join("; ", Problems);
}
