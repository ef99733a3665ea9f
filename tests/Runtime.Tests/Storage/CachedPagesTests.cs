using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Checkpoint.Runtime.Tests.Management;
using Checkpoint.Storage;

namespace Checkpoint.Runtime.Tests.Storage;

/// <summary>
/// A save that replaces a file first drops what the kernel caches of the old one (<see cref="UnixFiles.ReleaseCachedPages"/>),
/// measured here with <c>mincore</c> on a mapping of the file; and the advice is harmless on everything else.
/// </summary>
public class CachedPagesTests
{
    private const int PageSize = 4096;

    [SkippableFact]
    public void A_save_over_a_file_drops_the_old_file_s_cached_pages_and_keeps_its_bytes_until_the_commit()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "posix_fadvise and mincore are read here on Linux only");
        using var dir = new TempDirectory();
        var path = dir.Combine("old.bin");
        var bytes = new byte[4 << 20];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        using (var flush = new FileStream(path, FileMode.Open, FileAccess.ReadWrite)) flush.Flush(flushToDisk: true); // clean pages only can be dropped
        _ = File.ReadAllBytes(path);
        var before = ResidentFraction(path);
        Skip.If(before < 0.9, $"the file system does not keep the file in the page cache ({before:P0} resident)");

        using var writer = LocalWriteStream.ForFile(PhysicalLocalFileSystem.Instance, path, new StorageWriteOptions { Overwrite = true });

        Assert.True(ResidentFraction(path) < 0.1, $"{ResidentFraction(path):P0} of the replaced file is still cached");
        Assert.Equal(bytes, File.ReadAllBytes(path)); // dropped from the cache, not from the disk
    }

    [Fact]
    public void The_advice_is_harmless_on_a_missing_file_a_link_and_a_fifo()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("target");
        File.WriteAllText(target, "kept");
        var link = dir.Combine("link");
        File.CreateSymbolicLink(link, target);
        var fifo = dir.Combine("fifo");
        HostileEntries.MakeFifo(fifo);

        UnixFiles.ReleaseCachedPages(dir.Combine("absent"));
        UnixFiles.ReleaseCachedPages(link);
        HostileEntries.Bounded(() => { UnixFiles.ReleaseCachedPages(fifo); return 0; }, fifo);

        Assert.Equal("kept", File.ReadAllText(target));
        Assert.False(File.Exists(dir.Combine("absent")));
    }

    // The fraction of the file's pages in the page cache: mincore on a read-only mapping of it.
    private static double ResidentFraction(string path)
    {
        var length = new FileInfo(path).Length;
        using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        // The view's handle is the page-aligned start of the mapping (offset 0 of the file).
        var pages = (int)((length + PageSize - 1) / PageSize);
        var vector = new byte[pages];
        Assert.Equal(0, mincore(view.SafeMemoryMappedViewHandle.DangerousGetHandle(), (nuint)length, vector));
        return vector.Count(v => (v & 1) != 0) / (double)pages;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mincore(nint address, nuint length, byte[] vector);
}
