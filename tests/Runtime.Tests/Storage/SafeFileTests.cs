using Checkpoint.Runtime.Tests.Management;
using Checkpoint.Storage;

namespace Checkpoint.Runtime.Tests.Storage;

/// <summary>The file-system boundary on its own: what <see cref="SafeFile"/> opens, and what it refuses, on real entries.</summary>
public class SafeFileTests
{
    [Fact]
    public void ARegularFileOpensWithItsLengthFromTheHandle()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("data");
        File.WriteAllBytes(path, new byte[1234]);

        using var handle = SafeFile.OpenRead(path);

        Assert.Equal(1234, RandomAccess.GetLength(handle));
        Assert.Equal(1234, SafeFile.TryReadAllBytes(path, 4096)!.Length);
        using var stream = SafeFile.OpenReadStream(path);
        Assert.Equal(1234, stream.Length);
        Assert.Equal(1234, stream.Read(new byte[2000]));
    }

    [Fact]
    public void AMissingFileIsNullNotAnError()
    {
        using var dir = new TempDirectory();
        Assert.Null(SafeFile.TryOpenRead(dir.Combine("absent")));
        Assert.Null(SafeFile.TryReadAllBytes(dir.Combine("absent"), 10));
        Assert.Throws<FileNotFoundException>(() => SafeFile.OpenRead(dir.Combine("absent")));
    }

    [Fact]
    public void ALinkIsRefusedUnlessTheCallerFollowsLinks()
    {
        using var dir = new TempDirectory();
        var target = dir.Combine("target");
        File.WriteAllBytes(target, [1, 2, 3]);
        var link = dir.Combine("link");
        File.CreateSymbolicLink(link, target);
        var dangling = dir.Combine("dangling");
        File.CreateSymbolicLink(dangling, dir.Combine("nowhere"));

        var e = Assert.Throws<UnsafeFileException>(() => SafeFile.OpenRead(link));
        Assert.Contains("symbolic link", e.Message);
        Assert.Throws<UnsafeFileException>(() => SafeFile.TryOpenRead(dangling));
        using var followed = SafeFile.OpenRead(link, followLinks: true);
        Assert.Equal(3, RandomAccess.GetLength(followed));
    }

    [Fact]
    public void AFifoIsRefusedWithoutBlockingEvenWhenFollowingLinks()
    {
        using var dir = new TempDirectory();
        var fifo = dir.Combine("pipe");
        HostileEntries.MakeFifo(fifo);
        var link = dir.Combine("link");
        File.CreateSymbolicLink(link, fifo);

        var errors = HostileEntries.Bounded(() => new[]
        {
            Record.Exception(() => SafeFile.OpenRead(fifo)),
            Record.Exception(() => SafeFile.OpenRead(link, followLinks: true)),
            Record.Exception(() => SafeFile.TryReadAllBytes(fifo, 100)),
        }, fifo);

        Assert.All(errors, e => Assert.Contains("FIFO (named pipe), not a regular file", Assert.IsType<UnsafeFileException>(e).Message));
    }

    [Fact]
    public void ADirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("sub"));
        var e = Assert.Throws<UnsafeFileException>(() => SafeFile.OpenRead(dir.Combine("sub")));
        Assert.Contains("directory", e.Message);
    }

    [Fact]
    public void ACharacterDeviceIsRefused()
    {
        var e = Assert.Throws<UnsafeFileException>(() => SafeFile.OpenRead("/dev/zero", followLinks: true));
        Assert.Contains("character device", e.Message);
    }

    [Fact]
    public void ASmallFileReaderRefusesALargeFileBeforeAllocating()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("big");
        using (var stream = File.Create(path)) stream.SetLength(1L << 40); // sparse: 1 TiB that takes no space

        var e = Assert.Throws<IOException>(() => SafeFile.TryReadAllBytes(path, 1 << 20));
        Assert.Contains("1099511627776 bytes", e.Message);
    }

    [Fact]
    public void TheLockIsExclusiveAndCreatedWithoutFollowingLinks()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine(".lock");

        using (var first = SafeFile.TryLock(path))
        {
            Assert.NotNull(first);
            Assert.Null(SafeFile.TryLock(path));
        }

        using (var again = SafeFile.TryLock(path)) Assert.NotNull(again);
        File.Delete(path);
        File.CreateSymbolicLink(path, dir.Combine("elsewhere"));
        Assert.Throws<UnsafeFileException>(() => SafeFile.TryLock(path));
        Assert.False(File.Exists(dir.Combine("elsewhere")));
    }

    [Fact]
    public void WithoutStatxFifosAndDirectoriesAreStillRefused()
    {
        using var dir = new TempDirectory();
        var fifo = dir.Combine("pipe");
        HostileEntries.MakeFifo(fifo);
        var file = dir.Combine("file");
        File.WriteAllBytes(file, [1]);

        // Opened non-blocking as SafeFile opens them, then checked the way platforms without statx check them.
        using (var handle = UnixFiles.Open(fifo, followLinks: false)!)
            Assert.Contains("cannot seek", Assert.Throws<UnsafeFileException>(() => SafeFile.RequireRegularFileWithoutStatx(handle, fifo)).Message);
        using (var handle = UnixFiles.Open(dir.Path, followLinks: false)!)
            Assert.Contains("directory", Assert.Throws<UnsafeFileException>(() => SafeFile.RequireRegularFileWithoutStatx(handle, dir.Path)).Message);
        using (var handle = UnixFiles.Open(file, followLinks: false)!)
            SafeFile.RequireRegularFileWithoutStatx(handle, file);
    }
}
