using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// How a load treats its source — <see cref="IStateful.LoadStateDict"/>, file and stream loads, templates,
/// training checkpoints, the manager: the one options object of the loading direction, passed from the facade
/// down to the format reader (limits, names for messages, progress).
/// </summary>
public sealed record LoadOptions
{
    /// <summary>The default options: <see cref="Mismatch.Error"/>, persistent kinds, no filter.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>What to do when source and target disagree.</summary>
    public Mismatch Mismatch { get; init; } = Mismatch.Error;

    /// <summary>
    /// The kinds the source is expected to hold: entries of these kinds that are absent are reported missing.
    /// Entries of other kinds are still loaded when present.
    /// </summary>
    public StateKinds Kinds { get; init; } = StateKinds.Persistent;

    /// <summary>
    /// Loads only the entries whose dotted path passes this filter (partial loading, for example
    /// <c>path =&gt; path.StartsWith("encoder.")</c>). Entries that fail it are skipped, never reported missing.
    /// </summary>
    public Func<string, bool>? PathFilter { get; init; }

    /// <summary>
    /// Skips entries whose tensor shape differs instead of treating them as mismatches (transfer learning to a
    /// model with a new output layer). Skipped entries are listed in <see cref="LoadReport.Skipped"/>.
    /// </summary>
    public bool SkipShapeMismatches { get; init; }

    /// <summary>Where <see cref="Mismatch.Warn"/> logs each problem; nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The file being loaded, named in messages when the source came from a file.</summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// The deepest nesting of maps accepted in a file (and of child models walked); deeper input is refused as
    /// corrupt before it can exhaust the stack. Real checkpoints nest a few dozen levels. At least 1.
    /// </summary>
    public int MaxDepth { get; init; } = CheckpointLimits.DefaultMaxDepth;

    /// <summary>Receives the number of array bytes copied into the target so far, from time to time and at the end.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Checks a file's <c>sha256sum</c>-compatible sidecar (<c>model.msgpack.sha256</c>, written by saves with
    /// <see cref="SaveOptions.WriteChecksum"/>) when there is one, before anything is loaded: a mismatch is refused with
    /// a <see cref="CheckpointFormatException"/> naming the file and both checksums. Costs one more read of the file.
    /// Default true; files without a sidecar load as before (their structure is checked, their data cannot be).
    /// </summary>
    public bool VerifyChecksum { get; init; } = true;

    /// <summary>
    /// For formats whose arrays have flat names (<c>.npz</c>, <c>.safetensors</c>): when false (the default), names
    /// with dots become nested maps (<c>encoder.weight</c> is <c>encoder</c> → <c>weight</c>), the tree a model's
    /// state dictionary has. When true, every name is one key of the root, as it is in the file: use it for files
    /// whose names do not form a tree (both <c>a</c> and <c>a.b</c>).
    /// </summary>
    public bool KeepDottedNames { get; init; }
}
