using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;
using static Checkpoint.Runtime.Tests.Management.ManagerFiles;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Kills a child process (SIGKILL, <see cref="Process.Kill()"/>) that saves steps continuously, at random moments,
/// then checks that the newest intact step restores and holds exactly what was saved for it.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Kills = 50;
    private const int Elements = 64 * 1024; // 256 KiB model + 128 KiB optimizer per step: not tiny, still fast.

    [Fact]
    public void KilledAtRandomMomentsTheNewestIntactStepAlwaysRestoresExactly()
    {
        using var dir = new TempDirectory();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        long totalSaves = 0;
        long? highestCommitted = null;
        var interruptedSaves = 0;

        for (var kill = 0; kill < Kills; kill++)
        {
            var saved = RunAndKill(dir.Path, TimeSpan.FromMilliseconds(random.Next(20, 301)));
            totalSaves += saved.Count;
            if (saved.Count > 0) highestCommitted = saved.Max();

            // A staging entry left behind is the mark of a kill that landed in the middle of a save or deletion.
            if (Entries(dir.Path).Any(e => e.StartsWith(".tmp-", StringComparison.Ordinal) || e.StartsWith(".del-", StringComparison.Ordinal)))
                interruptedSaves++;

            using var manager = new CheckpointManager(dir.Path);
            // Nothing of an interrupted save or deletion survives the open.
            Assert.All(Entries(dir.Path), e => Assert.True(e is ".lock" or ".lock.owner" || e.StartsWith("step_", StringComparison.Ordinal), $"stray entry {e} after kill {kill}"));
            if (manager.Steps.Count == 0)
            {
                // Nothing committed yet: then the child cannot have reported a save either. (The converse does not
                // hold: a step can be committed with its "saved" line still in the pipe when the kill lands.)
                Assert.Null(highestCommitted);
                continue;
            }

            var model = new FilledModel(Elements);
            var optimizer = new FilledModel(Elements / 2);
            var result = manager.Restore(model, optimizer);
            Assert.False(result.FellBack, $"kill {kill}: {result.Reason}");
            // Every save the child reported is committed, so the restored step is at least the last one it reported.
            Assert.True(result.Step >= (highestCommitted ?? 0), $"kill {kill}: restored step {result.Step}, but step {highestCommitted} had been reported saved");
            Assert.Equal(result.Step, model.Value());
            Assert.Equal(result.Step, optimizer.Value());
            Assert.All(manager.VerifyAll(), v => Assert.True(v.IsIntact, $"kill {kill}: step {v.Step}: {v.Summary}"));
            highestCommitted = result.Step;
        }

        output.WriteLine($"{totalSaves} saves reported, {interruptedSaves} kills interrupted a save, across {Kills} kills; last step {highestCommitted}");
        // A sanity floor, not a speed test: on a loaded machine a child gets few saves done in its 20-300 ms, and a
        // run of 50 kills once committed 24 steps there (at least a step per two kills had been asked); one per four
        // still shows the saves advanced from kill to kill.
        Assert.True(highestCommitted >= Kills / 4, $"only {highestCommitted} steps were committed: the child made too little progress");
        Assert.True(interruptedSaves >= 5, $"only {interruptedSaves} kills interrupted a save: the test did not exercise crashes mid-save");
    }

    [Fact]
    public void AManagerInAnotherProcessIsRefusedWithItsPid()
    {
        using var dir = new TempDirectory();
        using var child = StartChild(dir.Path, out var lines, out var ready, out var errors);
        try
        {
            Assert.True(ready.Wait(TimeSpan.FromSeconds(30)), $"the child never became ready: {string.Join(Environment.NewLine, errors)}");
            var e = Assert.Throws<CheckpointException>(() => new CheckpointManager(dir.Path));
            Assert.Contains(Path.GetFullPath(dir.Path), e.Message);
            Assert.Contains($"(process {child.Id})", e.Message);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
            ready.Dispose();
        }

        // The kernel released the dead child's lock.
        using var manager = new CheckpointManager(dir.Path);
    }

    private static List<long> RunAndKill(string directory, TimeSpan delay)
    {
        using var process = StartChild(directory, out var lines, out var ready, out var errors);
        try
        {
            if (!ready.Wait(TimeSpan.FromSeconds(30)))
                Assert.Fail($"the child never became ready: {string.Join(Environment.NewLine, errors)}");
            Thread.Sleep(delay);
            Assert.False(process.HasExited, $"the child died on its own: {string.Join(Environment.NewLine, errors)}");
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
            ready.Dispose();
        }

        return lines.Where(l => l.StartsWith("saved ", StringComparison.Ordinal)).Select(l => long.Parse(l[6..])).ToList();
    }

    private static Process StartChild(
        string directory, out ConcurrentQueue<string> lines, out ManualResetEventSlim ready, out ConcurrentQueue<string> errors)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildProcesses.Dll("ManagerCrashChild"));
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(Elements.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var output = lines = new ConcurrentQueue<string>();
        var started = ready = new ManualResetEventSlim();
        var failures = errors = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data == "ready") started.Set();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) failures.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
