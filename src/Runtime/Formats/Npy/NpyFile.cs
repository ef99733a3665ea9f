namespace Checkpoint.Formats.Npy;

/// <summary>
/// An open .npy file: its one array as a lazy <see cref="TensorNode"/> whose bytes are read from the file when
/// asked for (<see cref="TensorNode.Tensor"/>, <see cref="TensorNode.CopyTo"/>). Opening reads and checks only
/// the header and the file length. Keep it open while reading the array; after <see cref="Dispose"/> reads throw
/// a <see cref="CheckpointException"/>.
/// </summary>
public sealed class NpyFile : IDisposable
{
    private readonly RandomAccessSource _source;

    private NpyFile(RandomAccessSource source, TensorNode array)
    {
        _source = source;
        Array = array;
    }

    /// <summary>The array (lazy).</summary>
    public TensorNode Array { get; }

    /// <summary>The file name used in messages.</summary>
    public string Name => _source.Name;

    /// <summary>Opens a .npy file.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a .npy array this library can read.</exception>
    public static NpyFile Open(string path)
    {
        var stream = CheckpointFile.OpenRead(path, null, out var fullPath);
        return Open(stream, new LoadOptions { SourceName = fullPath }, leaveOpen: false);
    }

    /// <summary>
    /// Reads the .npy array that starts at the current position of <paramref name="stream"/> and runs to its end.
    /// A stream that cannot seek is first read to its end into memory.
    /// </summary>
    /// <param name="stream">The data.</param>
    /// <param name="options">The file name for messages.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="CheckpointFormatException">Not a .npy array this library can read.</exception>
    public static NpyFile Open(Stream stream, LoadOptions? options = null, bool leaveOpen = false) =>
        RandomAccessSource.Parse(stream, options, leaveOpen, source =>
        {
            var header = NpyHeader.Read(source.ReadAt, source.Name, "");
            NpyArrays.CheckDataLength(header, source.Length - header.DataOffset, source.Name, "");
            var stored = new FileRangeData(source, header.DataOffset, header.DataLength, "");
            return new NpyFile(source, NpyArrays.Leaf(header, stored));
        });

    /// <summary>Closes the file (and the stream, unless it was opened with leaveOpen).</summary>
    public void Dispose() => _source.Dispose();
}
