using static Checkpoint.Runtime.Tests.Management.HostileEntries;
using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Finding 2 of issue 17: symbolic links inside a step are never followed. A step whose manifest or data file is
/// a link is damaged (the previous step is used), however well the manifest matches what the link points to.
/// </summary>
public class SymlinkTests
{
    [Fact]
    public void ADataFileLinkedOutsideIsNotFollowedEvenWhenTheManifestMatches()
    {
        using var dir = TwoSteps();
        using var outside = new TempDirectory();
        var foreign = outside.Combine("foreign.msgpack");
        MsgPackCheckpoint.Save(foreign, new FilledModel(16).Fill(99));
        var data = Path.Combine(StepDir(dir.Path, 2), "model.msgpack");
        File.Delete(data);
        // The link's own length equals the foreign file's, and the manifest records the foreign file's hash:
        // nothing about sizes or checksums gives the link away.
        var foreignBytes = File.ReadAllBytes(foreign);
        LinkWithLength(data, foreign, foreignBytes.Length);
        RewriteManifest(StepDir(dir.Path, 2), m => m.WithFile("model.msgpack", foreignBytes.Length, Hash(foreignBytes)));

        using var manager = new CheckpointManager(dir.Path);
        var verification = manager.Verify(2);
        var model = new FilledModel(16);
        var result = manager.Restore(model);

        Assert.False(verification.IsIntact);
        Assert.Contains("model.msgpack", verification.Summary);
        Assert.Contains("symbolic link", verification.Summary);
        Assert.Equal(1, result.Step);
        Assert.Equal(1, model.Value());
        Assert.Contains("symbolic link", Assert.Single(result.Skipped).Summary);
    }

    [Fact]
    public void ALinkedManifestIsNotRead()
    {
        using var dir = TwoSteps();
        using var outside = new TempDirectory();
        var manifest = Path.Combine(StepDir(dir.Path, 2), "manifest.json");
        var copy = outside.Combine("manifest.json");
        File.Move(manifest, copy);
        File.CreateSymbolicLink(manifest, copy);

        using var manager = new CheckpointManager(dir.Path);
        var model = new FilledModel(16);
        var result = manager.Restore(model);

        Assert.Equal([1L], manager.Steps);
        Assert.Equal(1, result.Step);
        Assert.Equal(1, model.Value());
        var skipped = Assert.Single(result.Skipped);
        Assert.Contains("manifest.json", skipped.Summary);
        Assert.Contains("symbolic link", skipped.Summary);
        // Damaged, not removed: the link is still there and its target untouched.
        Assert.True(File.Exists(copy));
        Assert.NotNull(new FileInfo(manifest).LinkTarget);
        var listed = CheckpointManager.VerifyDirectory(dir.Path);
        Assert.Contains("symbolic link", listed.Single(v => v.Step == 2).Summary);
    }

    [Fact]
    public void AStepDirectoryLinkIsReportedByVerify()
    {
        using var dir = TwoSteps();
        using var outside = new TempDirectory();
        Directory.Move(StepDir(dir.Path, 2), outside.Combine("step"));
        Directory.CreateSymbolicLink(StepDir(dir.Path, 2), outside.Combine("step"));

        using var manager = new CheckpointManager(dir.Path);
        var verification = manager.Verify(2);

        Assert.False(verification.IsIntact);
        Assert.Contains("symbolic link", verification.Summary);
    }
}
