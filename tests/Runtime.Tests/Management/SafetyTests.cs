using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

public class SafetyTests
{
    [Fact]
    public void ASecondManagerOnTheSameDirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        using (var first = new CheckpointManager(dir.Path))
        {
            var e = Assert.Throws<CheckpointException>(() => new CheckpointManager(dir.Path));
            Assert.Contains(dir.Path, e.Message);
            Assert.Contains("in use by another CheckpointManager", e.Message);
            Assert.Contains($"(process {Environment.ProcessId})", e.Message);
            first.Save(1, new FilledModel().Fill(1));
        }

        // Released on dispose.
        using var second = new CheckpointManager(dir.Path);
        Assert.Equal([1L], second.Steps);
    }

    [Fact]
    public void IncompleteStepsAndStagingEntriesAreRemovedOnOpen()
    {
        using var dir = new TempDirectory();
        using (var manager = new CheckpointManager(dir.Path))
        {
            manager.Save(1, new FilledModel().Fill(1));
            manager.Save(2, new FilledModel().Fill(2));
        }

        var guid = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(dir.Combine($".tmp-step_00000003-{guid}"));
        File.WriteAllText(dir.Combine($".tmp-step_00000003-{guid}", "model.msgpack"), "partial");
        Directory.CreateDirectory(dir.Combine($".del-step_00000000-{guid}"));
        Directory.CreateDirectory(dir.Combine("step_00000004"));
        File.WriteAllText(dir.Combine("step_00000004", "model.msgpack"), "no manifest");
        // Killed between the two renames of a replacement: step 2 only exists as .old-.
        Directory.Move(StepDir(dir.Path, 2), dir.Combine($".old-step_00000002-{guid}"));
        // Not the manager's: left alone.
        File.WriteAllText(dir.Combine("notes.txt"), "mine");
        Directory.CreateDirectory(dir.Combine("step_5"));

        using var reopened = new CheckpointManager(dir.Path);

        Assert.Equal([".lock", ".lock.owner", "notes.txt", "step_00000001", "step_00000002", "step_5"], Entries(dir.Path));
        Assert.Equal([1L, 2], reopened.Steps);
        var model = new FilledModel();
        Assert.Equal(2, reopened.Restore(model).Step);
        Assert.Equal(2, model.Value());
    }

    [Fact]
    public void CleanupNeverFollowsLinksOutOfTheDirectory()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        File.WriteAllText(outside.Combine("precious.txt"), "keep");
        Directory.CreateDirectory(dir.Path);
        var guid = Guid.NewGuid().ToString("N");
        // A staging name that is a link to a foreign directory, and a staging directory holding such a link.
        Directory.CreateSymbolicLink(dir.Combine($".tmp-step_00000001-{guid}"), outside.Path);
        Directory.CreateDirectory(dir.Combine($".del-step_00000002-{guid}"));
        Directory.CreateSymbolicLink(dir.Combine($".del-step_00000002-{guid}", "inner"), outside.Path);
        // A step name that is a link: never read, never deleted.
        Directory.CreateSymbolicLink(dir.Combine("step_00000009"), outside.Path);

        using (var manager = new CheckpointManager(dir.Path, new CheckpointManagerOptions { KeepLast = 1 }))
        {
            Assert.Empty(manager.Steps);
            manager.Save(10, new FilledModel().Fill(10));
            manager.Save(11, new FilledModel().Fill(11));
        }

        Assert.Equal("keep", File.ReadAllText(outside.Combine("precious.txt")));
        Assert.Equal([".lock", ".lock.owner", "step_00000009", "step_00000011"], Entries(dir.Path));
    }

    [Fact]
    public void AManifestNamingAFileOutsideTheStepIsRejected()
    {
        using var dir = new TempDirectory();
        using (var manager = new CheckpointManager(dir.Path))
        {
            manager.Save(1, new FilledModel().Fill(1));
            manager.Save(2, new FilledModel().Fill(2));
        }

        // Rewrite step 2's manifest (with a valid checksum) so that it points at step 1's data.
        var manifestPath = Path.Combine(StepDir(dir.Path, 2), "manifest.json");
        var manifest = ManifestSerializer.Parse(File.ReadAllBytes(manifestPath), manifestPath);
        var evil = manifest with
        {
            Files = new Dictionary<string, ManifestFileEntry>
            {
                ["model.msgpack"] = manifest.Files["model.msgpack"],
                ["../step_00000001/model.msgpack"] = manifest.Files["model.msgpack"],
            },
        };
        File.WriteAllBytes(manifestPath, ManifestSerializer.ToBytes(evil));

        using var reopened = new CheckpointManager(dir.Path);
        var result = reopened.Restore(new FilledModel());
        Assert.Equal(1, result.Step);
        Assert.Contains("outside the step directory", Assert.Single(result.Skipped).Summary);
    }

    [Fact]
    public void AFileInPlaceOfTheDirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("file");
        File.WriteAllText(file, "x");
        var e = Assert.Throws<CheckpointException>(() => new CheckpointManager(file));
        Assert.Contains(file, e.Message);
    }
}
