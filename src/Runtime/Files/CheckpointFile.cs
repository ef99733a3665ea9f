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

    /// <summary>The full path of the file.</summary>
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
    /// <param name="options">The nesting limit (<see cref="LoadOptions.MaxDepth"/>); the file's full path names it in messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CheckpointNotFoundException">The file does not exist (<c>Checkpoint not found: &lt;path&gt;</c>).</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static CheckpointFile Open(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = OpenRead(path, out var fullPath);
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

    /// <summary>Opens a checkpoint file for reading, with the errors users expect for missing files and temporary files.</summary>
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
