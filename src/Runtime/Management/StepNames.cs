using System.Globalization;
using System.Text.RegularExpressions;
using Checkpoint.Storage;

namespace Checkpoint.Management;

/// <summary>
/// The names the manager gives its objects, and the only ones it ever deletes: <c>step_00000042/</c> (a step: its
/// data files and <c>manifest.json</c>, the commit marker), <c>.sharding/step_00000042/</c> (the rendezvous of a
/// sharded save in progress), <c>.lock</c> (and, on the local disk, <c>.lock.owner</c>). The local disk's hidden
/// staging names (<c>.tmp-step_…</c>, <c>.old-step_…</c>, <c>.del-step_…</c>) belong to the local storage.
/// </summary>
internal static partial class StepNames
{
    public const string ModelFile = "model.msgpack";
    public const string OptimizerFile = "optimizer.msgpack";
    public const string ManifestFile = "manifest.json";
    public const string LockFile = ".lock";
    public const string ShardingPrefix = ".sharding";

    /// <summary>The name of a step's prefix: <c>step_</c> and the step as at least 8 digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public static string StepDirectory(long step)
    {
        Validate(step);
        return "step_" + step.ToString("D8", CultureInfo.InvariantCulture);
    }

    /// <summary>The name of a data file or the manifest of a step.</summary>
    public static string InStep(long step, string file) => StorageNames.Join(StepDirectory(step), file);

    /// <summary>Where the ranks of a sharded save of <paramref name="step"/> meet.</summary>
    public static string Rendezvous(long step) => StorageNames.Join(ShardingPrefix, StepDirectory(step));

    /// <summary>The shard file of <paramref name="rank"/> among <paramref name="worldSize"/> for a part (<c>shard_1-of-4.msgpack</c>, <c>optimizer_shard_1-of-4.msgpack</c>).</summary>
    public static string ShardFile(ShardPart part, int rank, int worldSize) =>
        (part == ShardPart.Optimizer ? "optimizer_" : "") + string.Create(CultureInfo.InvariantCulture, $"shard_{rank}-of-{worldSize}.msgpack");

    public static void Validate(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Checkpoint steps must not be negative.");
    }

    /// <summary>The step of a step prefix name (its last segment), or null when the name is not one.</summary>
    public static long? ParseStep(string name)
    {
        var match = StepPattern().Match(name);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    /// <summary>Whether a top-level prefix is the manager's own (a step, or the rendezvous of sharded saves).</summary>
    public static bool IsOwnedPrefix(string segment) => segment == ShardingPrefix || ParseStep(segment) is not null;

    /// <summary>Whether a data file name from a manifest is a plain name inside the step (no path, nothing hidden).</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != ManifestFile && StorageNames.IsValid(name) && !name.Contains(StorageNames.Separator) && !name.StartsWith('.');

    [GeneratedRegex(@"^step_([0-9]{8,19})$", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();
}
