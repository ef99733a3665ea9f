namespace Checkpoint.Storage;

/// <summary>Flushes a directory's entries to disk, so renames into it survive a power cut.</summary>
internal static class DirectorySync
{
    // A rename lives in the directory; without flushing it a power cut can lose the new name even though the
    // data is on disk. Windows has no directory handles to flush (NTFS journals the rename), so it is skipped.
    // The calls are UnixFiles' source-generated [LibraryImport]s: no runtime marshalling stubs, so NativeAOT and
    // trimming see every native call at compile time.
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using var handle = UnixFiles.Open(directory, followLinks: true);
            if (handle is not null) UnixFiles.Sync(handle);
        }
        catch (Exception e) when (e is IOException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Best effort: the data itself is already on disk; only the rename's durability is weaker (a directory
            // we may not open, or a platform without a "libc" library name).
        }
    }
}
