using Checkpoint.Formats;
using Checkpoint.Formats.MsgPack;
using Checkpoint.Storage;

namespace Checkpoint;

/// <summary>
/// An open checkpoint file: its whole structure read and checked, its arrays still in the file (lazy
/// <see cref="TensorNode"/>s, read when asked for). Open one to look at a file (inspect, compare, pick what to
/// load) without reading its tensors, or to load several targets from one file; loads through
/// <see cref="MsgPackCheckpoint"/> open and close one for you.
/// </summary>
/// <remarks>
/// Arrays can be read while the file is open; afterwards a lazy array that was never read throws a
/// <see cref="CheckpointException"/>. <see cref="StateTree.Materialize(StateNode)"/> reads them all first if the tree must
/// outlive the file. Reads are safe from several threads.
/// </remarks>
public sealed class CheckpointFile : IDisposable
{
    private const int ParseBufferSize = 1 << 16;

    private readonly RandomAccessSource _source;

    private CheckpointFile(RandomAccessSource source, string fullPath, StateNode root)
    {
        _source = source;
        FullPath = fullPath;
        Root = root;
    }

    /// <summary>The full path of the file (for an object of a storage, its location).</summary>
    public string FullPath { get; }

    /// <summary>The root node: a <see cref="StateDict"/> for every checkpoint written from a dictionary or a model.</summary>
    public StateNode Root { get; }

    /// <summary>The root as a map.</summary>
    /// <exception cref="CheckpointException">The file holds a bare value at the root, not a map.</exception>
    public StateDict RootMap => Root as StateDict
        ?? throw new CheckpointException($"Checkpoint {FullPath} holds {Generated.TensorLoads.Describe(Root)} at the root, not a map.");

    /// <summary>
    /// Opens a msgpack checkpoint: reads and checks its structure, leaving array bytes in the file until asked for.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The nesting limit (<see cref="LoadOptions.MaxDepth"/>) and whether to check the checksum sidecar; the file's full path names it in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CheckpointNotFoundException">The file does not exist (<c>Checkpoint not found: &lt;path&gt;</c>).</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint, or does not match its checksum sidecar.</exception>
    public static CheckpointFile Open(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = OpenRead(path, options, out var fullPath, cancellationToken);
        return Parse(stream, fullPath, options, cancellationToken);
    }

    /// <summary>
    /// Opens a msgpack checkpoint object of a storage (<see cref="ObjectStorage"/>): its structure is read through a
    /// buffered ranged reader, and each array stays in the object until asked for (then it costs one ranged read, or
    /// a share of one read-ahead window for small arrays read in order). <see cref="FullPath"/> is the object's location.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="name">The object's name (<c>step_00000042/model.msgpack</c>).</param>
    /// <param name="options">The nesting limit, and whether to check the object's checksum sidecar (<c>name.sha256</c>) when it has one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CheckpointNotFoundException">The object does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The object is not a valid checkpoint, or does not match its checksum sidecar.</exception>
    public static CheckpointFile Open(ObjectStorage storage, string name, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (options?.VerifyChecksum != false)
            ChecksumSidecar.ThrowIfMismatch(ChecksumSidecar.VerifyAsync(storage, name, cancellationToken).GetAwaiter().GetResult(), storage.LocationOf(name));
        var reader = storage.OpenReaderAsync(name, cancellationToken).GetAwaiter().GetResult();
        return Parse(new StorageReadStream(reader), reader.Location, options, cancellationToken);
    }

    // The stream both parses the structure and, through the source, serves the arrays afterwards; the source owns it.
    private static CheckpointFile Parse(Stream stream, string fullPath, LoadOptions? options, CancellationToken cancellationToken)
    {
        var source = new RandomAccessSource(stream, fullPath, ownsStream: true, start: 0);
        try
        {
            options = (options ?? LoadOptions.Default) with { SourceName = fullPath };
            var root = MsgPackReader.Parse(stream, source, options, cancellationToken);
            return new CheckpointFile(source, fullPath, root);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Closes the file; lazy arrays not yet read can no longer be.</summary>
    public void Dispose() => _source.Dispose();

    /// <summary>
    /// Opens a checkpoint file for reading (every format's one way in), with the errors users expect for missing files
    /// and temporary files, and checks its checksum sidecar when it has one (unless <see cref="LoadOptions.VerifyChecksum"/> is false).
    /// </summary>
    /// <exception cref="CheckpointFormatException">The file does not match its sidecar.</exception>
    internal static FileStream OpenRead(string path, LoadOptions? options, out string fullPath, CancellationToken cancellationToken = default)
    {
        var stream = OpenRead(path, out fullPath);
        if (options?.VerifyChecksum == false) return stream;
        try
        {
            ChecksumSidecar.ThrowIfMismatch(ChecksumSidecar.Verify(fullPath, stream.SafeFileHandle, cancellationToken), fullPath);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a checkpoint file for reading without looking at its sidecar (format detection reads only its first bytes).</summary>
    internal static FileStream OpenRead(string path, out string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        fullPath = Path.GetFullPath(path);
        if (AtomicFile.IsTemporaryFile(fullPath))
            throw new CheckpointException($"{fullPath} is the temporary file of an unfinished save, not a checkpoint.");
        if (Directory.Exists(fullPath))
            throw new CheckpointNotFoundException(fullPath, new FileNotFoundException($"{fullPath} is a directory, not a checkpoint file.", fullPath));
        try
        {
            // A path the user named may be a link (their choice), but never a FIFO or device: that would block or
            // read as something it is not.
            return SafeFile.OpenReadStream(fullPath, followLinks: true, ParseBufferSize);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointNotFoundException(fullPath, e);
        }
        catch (UnsafeFileException e)
        {
            throw new CheckpointException($"{fullPath} is not a checkpoint file: {e.Message}", e);
        }
    }
}
