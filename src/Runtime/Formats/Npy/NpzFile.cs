namespace Checkpoint.Formats.Npy;

/// <summary>
/// An open .npz archive (numpy's <c>np.savez</c> and <c>np.savez_compressed</c>): its arrays as a tree of lazy
/// <see cref="TensorNode"/>s. Opening reads the archive's directory and each member's .npy header (for a
/// compressed member, only the first bytes are decompressed); array bytes are read when asked for: stored members
/// straight from their range of the file, compressed ones by decompressing. Member names become paths: the
/// <c>.npy</c> suffix is dropped and dots nest (<c>encoder.weight.npy</c> is <c>encoder</c> → <c>weight</c>), unless
/// <see cref="LoadOptions.KeepDottedNames"/>. Keep it open while reading arrays; after
/// <see cref="Dispose"/> reads throw a <see cref="CheckpointException"/>.
/// </summary>
public sealed class NpzFile : IDisposable
{
    private readonly RandomAccessSource _source;

    private NpzFile(RandomAccessSource source, StateDict root, IReadOnlyList<string> names)
    {
        _source = source;
        Root = root;
        Names = names;
    }

    /// <summary>The arrays, nested by the dots in their names.</summary>
    public StateDict Root { get; }

    /// <summary>The array names in archive order, as numpy's <c>NpzFile.files</c> lists them (without <c>.npy</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The file name used in messages.</summary>
    public string Name => _source.Name;

    /// <summary>Opens an .npz file.</summary>
    /// <exception cref="CheckpointNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not an npz archive this library can read.</exception>
    public static NpzFile Open(string path, LoadOptions? options = null)
    {
        var stream = CheckpointFile.OpenRead(path, options, out var fullPath);
        return Open(stream, (options ?? LoadOptions.Default) with { SourceName = fullPath }, leaveOpen: false);
    }

    /// <summary>
    /// Opens the archive that starts at the current position of <paramref name="stream"/> and runs to its end. A
    /// stream that cannot seek is first read to its end into memory (the directory of a zip archive is at its end).
    /// </summary>
    /// <param name="stream">The archive.</param>
    /// <param name="options">The file name for messages and how names map to paths.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="CheckpointFormatException">Not an npz archive this library can read.</exception>
    public static NpzFile Open(Stream stream, LoadOptions? options = null, bool leaveOpen = false) =>
        RandomAccessSource.Parse(stream, options, leaveOpen, source =>
        {
            var named = new List<KeyValuePair<string, StateNode>>();
            foreach (var entry in ZipDirectory.Read(source))
            {
                // np.load lists every member but only .npy members are arrays; anything else would be lost here.
                if (!entry.Name.EndsWith(".npy", StringComparison.Ordinal))
                    throw new CheckpointFormatException($"the member '{entry.Name}' is not a .npy array (npz archives hold only name.npy members)", source.Name, entry.Name, entry.LocalHeaderOffset);
                var key = entry.Name[..^4];
                var member = new ZipMember(source, entry, key);
                var header = NpyHeader.Read(member.ReadAt, source.Name, key);
                NpyArrays.CheckDataLength(header, member.Length - header.DataOffset, source.Name, key);
                var stored = new ZipMemberData(member, header.DataOffset, header.DataLength);
                named.Add(new KeyValuePair<string, StateNode>(key, NpyArrays.Leaf(header, stored)));
            }

            var root = DottedNames.Nest(named, options?.KeepDottedNames ?? false, source.Name);
            return new NpzFile(source, root, named.Select(n => n.Key).ToArray());
        });

    /// <summary>Closes the file (and the stream, unless it was opened with leaveOpen).</summary>
    public void Dispose() => _source.Dispose();
}
