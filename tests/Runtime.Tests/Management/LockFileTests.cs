using System.Text;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Finding 3 of issue 17: <c>.lock</c> and <c>.lock.owner</c> are never written through a symbolic link, so
/// whoever can write the checkpoint directory cannot make the training job overwrite a file elsewhere.
/// </summary>
public class LockFileTests
{
    private const string Precious = "precious content\n";

    [Fact]
    public void ALockLinkIsRefusedAndItsTargetIsUntouched()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        var victim = outside.Combine("victim.txt");
        File.WriteAllText(victim, Precious);
        File.CreateSymbolicLink(dir.Combine(".lock"), victim);

        var e = Assert.Throws<CheckpointException>(() => new CheckpointManager(dir.Path));

        Assert.Contains(dir.Combine(".lock"), e.Message);
        Assert.Contains("symbolic link", e.Message);
        Assert.Equal(Precious, File.ReadAllText(victim));
    }

    [Fact]
    public void ADanglingLockLinkCreatesNothingOutside()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        var victim = outside.Combine("created-through-the-link");
        File.CreateSymbolicLink(dir.Combine(".lock"), victim);

        Assert.Throws<CheckpointException>(() => new CheckpointManager(dir.Path));

        Assert.False(File.Exists(victim));
    }

    [Fact]
    public void ALockOwnerLinkIsReplacedNotWrittenThrough()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        var victim = outside.Combine("victim.txt");
        File.WriteAllText(victim, Precious);
        var owner = dir.Combine(".lock.owner");
        File.CreateSymbolicLink(owner, victim);

        using (var manager = new CheckpointManager(dir.Path))
        {
            Assert.Equal(Precious, File.ReadAllText(victim));
            Assert.Null(new FileInfo(owner).LinkTarget);
            Assert.Equal($"{Environment.ProcessId}\n", Encoding.UTF8.GetString(File.ReadAllBytes(owner)));
        }

        Assert.Equal(Precious, File.ReadAllText(victim));
    }

    [Fact]
    public void AFifoNamedLockOwnerDoesNotBlockTheRefusalOfASecondManager()
    {
        using var dir = new TempDirectory();
        using var first = new CheckpointManager(dir.Path);
        var owner = dir.Combine(".lock.owner");
        File.Delete(owner);
        HostileEntries.MakeFifo(owner);

        var refused = HostileEntries.Bounded(() => Record.Exception(() => new CheckpointManager(dir.Path)), owner);

        var e = Assert.IsType<CheckpointException>(refused);
        Assert.Contains("in use by another CheckpointManager", e.Message);
    }
}
