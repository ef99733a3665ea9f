using Microsoft.Win32.SafeHandles;

namespace Checkpoint.Storage;

/// <summary>Ranged reads of a local file through one open handle (positional reads, safe from several threads); it keeps reading the file it opened even if the object is replaced.</summary>
internal sealed class LocalObjectReader : StorageObjectReader
{
    private readonly SafeFileHandle _handle;
    private readonly bool _leaveOpen;

    private LocalObjectReader(string name, string path, SafeFileHandle handle, bool leaveOpen = false)
        : base(name, path, RandomAccess.GetLength(handle))
    {
        _handle = handle;
        _leaveOpen = leaveOpen;
    }

    public static LocalObjectReader Open(string name, string path, Func<Exception, Exception> notFound)
    {
        SafeFileHandle handle;
        try
        {
            // Never through a link, only a regular file (a FIFO would block): storage roots may be shared. A writer
            // renaming a new version over this one leaves this handle on the old file.
            handle = SafeFile.TryOpenRead(path) ?? throw new FileNotFoundException($"Could not find file '{path}'.", path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            throw notFound(e);
        }

        try
        {
            return new LocalObjectReader(name, path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>A reader over a handle the caller keeps (and closes): disposing the reader leaves it open.</summary>
    public static LocalObjectReader ForHandle(SafeFileHandle handle) =>
        new("", "the open file", handle, leaveOpen: true);

    protected override async ValueTask ReadCoreAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        var done = 0;
        while (done < destination.Length)
        {
            var read = await RandomAccess.ReadAsync(_handle, destination[done..], offset + done, cancellationToken).ConfigureAwait(false);
            if (read <= 0) throw EndedEarly(offset + done);
            done += read;
        }
    }

    protected override void ReadCore(long offset, Span<byte> destination)
    {
        ThrowIfClosed();
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (read <= 0) throw EndedEarly(offset + done);
            done += read;
        }
    }

    protected override void Close()
    {
        if (!_leaveOpen) _handle.Dispose();
    }
}
