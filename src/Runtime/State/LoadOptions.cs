using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>How <see cref="IStateful.LoadStateDict"/> and file loads treat the source.</summary>
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
}
