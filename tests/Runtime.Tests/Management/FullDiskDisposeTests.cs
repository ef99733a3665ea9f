using Checkpoint.Management;
using Checkpoint.Tests.State;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Finding 4 of issue 17, on a real full disk (a full tmpfs): opening a manager on a new directory cannot record
/// its PID; that is logged, and disposing the manager afterwards never throws for it.
/// </summary>
public class FullDiskDisposeTests
{
    [SkippableFact]
    public void DisposeAfterOpeningANewDirectoryOnAFullDiskDoesNotThrow()
    {
        using var disk = FullDisk.Mount();
        var logger = new TestLogger();
        var directory = Path.Combine(disk.Path, "run");

        var manager = new CheckpointManager(directory, new CheckpointManagerOptions { Logger = logger });
        var thrown = Record.Exception(manager.Dispose);

        Assert.Null(thrown);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("No space left on device"));
        // The lock was released all the same: a second manager can open the directory.
        using var again = new CheckpointManager(directory);
        Assert.Empty(again.Steps);
    }
}
