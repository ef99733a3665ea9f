using System.Diagnostics;
using System.IO.Hashing;
using Checkpoint.Management;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// Builds what an attacker with write access to a checkpoint directory can plant there (FIFOs, symbolic links,
/// manifests with valid checksums) on the real file system, and runs code that might block on them with a bound.
/// </summary>
internal static class HostileEntries
{
    /// <summary>How long an operation on a directory may take before it counts as hung (generous: the machine is shared).</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>A manager directory with steps 1 and 2, each a 16-element <see cref="FilledModel"/> filled with its step.</summary>
    public static TempDirectory TwoSteps()
    {
        var dir = new TempDirectory();
        using var manager = new CheckpointManager(dir.Path);
        manager.Save(1, new FilledModel(16).Fill(1));
        manager.Save(2, new FilledModel(16).Fill(2));
        return dir;
    }

    /// <summary>Deletes the file <paramref name="path"/> and puts a FIFO in its place; returns the path.</summary>
    public static string ReplaceWithFifo(string path)
    {
        File.Delete(path);
        MakeFifo(path);
        return path;
    }

    /// <summary>Creates a real FIFO (named pipe) with mkfifo.</summary>
    public static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mkfifo {path} failed: {error}");
    }

    /// <summary>
    /// Runs <paramref name="action"/> and fails the test when it does not finish within <see cref="HangLimit"/>;
    /// afterwards, every FIFO in <paramref name="fifos"/> is opened once for reading and writing, which releases
    /// a thread stuck opening it (so a regression fails the test instead of leaving a thread blocked forever).
    /// </summary>
    public static T Bounded<T>(Func<T> action, params string[] fifos)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = task.Wait(HangLimit);
        if (!finished)
        {
            foreach (var fifo in fifos) Release(fifo);
            Assert.Fail($"The operation blocked for more than {HangLimit.TotalSeconds} s (a FIFO was opened or read).");
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Rewrites a step's manifest the way an attacker can: any content, with a matching checksum.</summary>
    public static void RewriteManifest(string stepDirectory, Func<StepManifest, StepManifest> change)
    {
        var path = Path.Combine(stepDirectory, StepNames.ManifestFile);
        var manifest = ManifestSerializer.Parse(File.ReadAllBytes(path), path);
        File.WriteAllBytes(path, ManifestSerializer.ToBytes(change(manifest)));
    }

    /// <summary>The manifest with <paramref name="file"/>'s entry replaced.</summary>
    public static StepManifest WithFile(this StepManifest manifest, string file, long size, string xxHash128)
    {
        var files = new Dictionary<string, ManifestFileEntry>(manifest.Files) { [file] = new ManifestFileEntry(size, xxHash128) };
        return manifest with { Files = files };
    }

    /// <summary>The hash the manifest records for <paramref name="bytes"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexString(XxHash128.Hash(bytes)).ToLowerInvariant();

    /// <summary>A symbolic link at <paramref name="link"/> whose target path has exactly <paramref name="length"/> characters (padded with '/').</summary>
    public static void LinkWithLength(string link, string target, long length)
    {
        var name = Path.GetFileName(target);
        var directory = Path.GetDirectoryName(target)!;
        var padding = length - directory.Length - name.Length;
        Assert.True(padding >= 1, $"a link to {target} cannot be {length} characters long");
        File.CreateSymbolicLink(link, directory + new string('/', (int)padding) + name);
    }

    private static void Release(string fifo)
    {
        try
        {
            // O_RDWR never blocks on Linux and counts as a writer, which wakes a reader stuck in open(); closing
            // it then gives that reader end-of-file.
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (IOException)
        {
        }
    }
}
