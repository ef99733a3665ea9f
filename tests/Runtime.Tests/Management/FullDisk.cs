using System.Diagnostics;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>
/// A real, full file system: a small tmpfs mounted in a temp directory and filled until the kernel answers
/// ENOSPC. Mounting needs root (CI runs as root); elsewhere the test using it is skipped, saying why.
/// </summary>
internal sealed class FullDisk : IDisposable
{
    private FullDisk(string path) => Path = path;

    public string Path { get; }

    public static FullDisk Mount()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a full tmpfs needs Linux");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ckpt-full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (status, error) = Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", path);
        if (status != 0)
        {
            Directory.Delete(path);
            Skip.If(true, $"cannot mount a tmpfs to fill (needs root): {error.Trim()}");
        }

        var disk = new FullDisk(path);
        try
        {
            using var filler = new FileStream(System.IO.Path.Combine(path, "filler"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            var block = new byte[4096];
            try
            {
                while (true) filler.Write(block);
            }
            catch (IOException)
            {
                // ENOSPC: the disk is full.
            }
        }
        catch
        {
            disk.Dispose();
            throw;
        }

        return disk;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Status, string Error) Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
