using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// The tree of one part (model or optimizer) of a committed step, lazily: <c>model.msgpack</c>, or the shards of a
/// sharded step that hold paths the caller wants, merged into one tree. Array bytes stay in the objects until the
/// load copies them into the target; dispose after the load.
/// </summary>
internal sealed class StepReader : IDisposable
{
    // The manifest's checksums were verified just before: the files' own sidecars (none are written) are not looked for.
    private static readonly LoadOptions OpenOptions = new() { VerifyChecksum = false };

    private readonly List<CheckpointFile> _files;

    private StepReader(List<CheckpointFile> files, StateNode root, string name)
    {
        _files = files;
        Root = root;
        Name = name;
    }

    /// <summary>The part's tree.</summary>
    public StateNode Root { get; }

    /// <summary>The source's name for messages: the file's location, or the step's with the shard files read.</summary>
    public string Name { get; }

    /// <summary>Whether the step holds <paramref name="part"/> at all.</summary>
    public static bool Has(StepManifest manifest, ShardPart part) => manifest.Sharding is { } sharding
        ? sharding.Shards.Values.Any(s => s.Part == part)
        : manifest.Files.ContainsKey(part == ShardPart.Optimizer ? StepNames.OptimizerFile : StepNames.ModelFile);

    /// <summary>The data files a load of <paramref name="part"/> reads whole (all of a plain step's; for a sharded step the shards holding a path that passes <paramref name="pathFilter"/>).</summary>
    public static IEnumerable<string> FilesFor(StepManifest manifest, ShardPart part, Func<string, bool>? pathFilter)
    {
        if (manifest.Sharding is not { } sharding)
        {
            yield return part == ShardPart.Optimizer ? StepNames.OptimizerFile : StepNames.ModelFile;
            yield break;
        }

        foreach (var (name, shard) in sharding.Shards.OrderBy(s => s.Value.Rank))
        {
            if (shard.Part == part && (pathFilter is null || shard.Paths.Count == 0 || shard.Paths.Any(pathFilter))) yield return name;
        }
    }

    /// <summary>Opens the files of <paramref name="part"/> that a load filtered by <paramref name="pathFilter"/> needs.</summary>
    /// <exception cref="CheckpointFormatException">A file does not parse, or two shards hold the same path.</exception>
    public static StepReader Open(ObjectStorage storage, StepManifest manifest, ShardPart part, Func<string, bool>? pathFilter, CancellationToken cancellationToken)
    {
        var names = FilesFor(manifest, part, pathFilter).ToList();
        var files = new List<CheckpointFile>();
        try
        {
            foreach (var file in names) files.Add(CheckpointFile.Open(storage, StepNames.InStep(manifest.Step, file), OpenOptions, cancellationToken));
            if (manifest.Sharding is null) return new StepReader(files, files[0].Root, files[0].FullPath);
            var shards = files.Select(f => (f.Root as StateDict
                ?? throw new CheckpointFormatException("a shard holds a bare value, not a map of state", f.FullPath, "", 0), f.FullPath)).ToList();
            var name = $"{storage.LocationOf(StepNames.StepDirectory(manifest.Step))} ({string.Join(", ", names)})";
            return new StepReader(files, ShardTrees.Merge(shards), name);
        }
        catch
        {
            foreach (var file in files) file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
    }
}
