namespace Checkpoint.Formats.SafeTensors;

/// <summary>
/// An open safetensors file (Hugging Face's format): its tensors as a tree of lazy <see cref="TensorNode"/>s and
/// its <c>__metadata__</c>. Opening reads only the header and checks every rule of the format against the file's
/// length; tensor bytes are read from their range of the file when asked for (<see cref="TensorNode.Tensor"/>,
/// <see cref="TensorNode.CopyTo"/>). Names with dots nest (<c>encoder.weight</c> is <c>encoder</c> → <c>weight</c>),
/// unless <see cref="LoadOptions.KeepDottedNames"/>. Keep it open while reading tensors; after
/// <see cref="Dispose"/> reads throw a <see cref="CheckpointException"/>.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly RandomAccessSource _source;

    private SafeTensorsFile(RandomAccessSource source, StateDict root, IReadOnlyList<string> names, IReadOnlyDictionary<string, string>? metadata)
    {
        _source = source;
        Root = root;
        Names = names;
        Metadata = metadata;
    }

    /// <summary>The tensors, nested by the dots in their names, in the order of their data in the file.</summary>
    public StateDict Root { get; }

    /// <summary>The tensor names in the order of their data in the file.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The <c>__metadata__</c> map, or null when the file has none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; }

    /// <summary>The file name used in messages.</summary>
    public string Name => _source.Name;

    /// <summary>Opens a safetensors file.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file breaks a rule of the format; the message names the tensor.</exception>
    public static SafeTensorsFile Open(string path, LoadOptions? options = null)
    {
        var stream = CheckpointFile.OpenRead(path, options, out var fullPath);
        return Open(stream, (options ?? LoadOptions.Default) with { SourceName = fullPath }, leaveOpen: false);
    }

    /// <summary>
    /// Opens the safetensors data that starts at the current position of <paramref name="stream"/> and runs to its
    /// end. A stream that cannot seek is first read to its end into memory, then checked exactly as a file is.
    /// </summary>
    /// <param name="stream">The data.</param>
    /// <param name="options">The file name for messages and how names map to paths.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="CheckpointFormatException">The data breaks a rule of the format.</exception>
    public static SafeTensorsFile Open(Stream stream, LoadOptions? options = null, bool leaveOpen = false) =>
        RandomAccessSource.Parse(stream, options, leaveOpen, source =>
        {
            var header = SafeTensorsHeader.Read(source);
            var named = header.Entries.Select(entry => new KeyValuePair<string, StateNode>(
                entry.Name,
                new TensorNode(entry.DType, entry.Shape, new FileRangeData(source, header.DataStart + entry.Begin, entry.End - entry.Begin, entry.Name))));
            var root = DottedNames.Nest(named, options?.KeepDottedNames ?? false, source.Name);
            return new SafeTensorsFile(source, root, header.Entries.Select(e => e.Name).ToArray(), header.Metadata);
        });

    /// <summary>Closes the file (and the stream, unless it was opened with leaveOpen).</summary>
    public void Dispose() => _source.Dispose();
}
