using System.Globalization;
using System.Text.RegularExpressions;

namespace Checkpoint.Management;

/// <summary>
/// The names the manager gives its entries, and the only names it ever deletes: <c>step_00000042</c> (a
/// committed step), <c>.tmp-step_00000042-&lt;guid&gt;</c> (a step being written), <c>.del-step_...</c> (a step
/// being deleted), <c>.old-step_...</c> (a step being replaced), <c>.lock</c> and <c>.lock.owner</c>.
/// </summary>
internal static partial class StepNames
{
    public const string ModelFile = "model.msgpack";
    public const string OptimizerFile = "optimizer.msgpack";
    public const string ManifestFile = "manifest.json";
    public const string LockFile = ".lock";
    public const string LockOwnerFile = ".lock.owner";
    public const string TempPrefix = ".tmp-";
    public const string DeletePrefix = ".del-";
    public const string OldPrefix = ".old-";

    public static string StepDirectory(long step)
    {
        Validate(step);
        return "step_" + step.ToString("D8", CultureInfo.InvariantCulture);
    }

    public static string Staging(string prefix, long step) => prefix + StepDirectory(step) + "-" + Guid.NewGuid().ToString("N");

    public static void Validate(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Checkpoint steps must not be negative.");
    }

    /// <summary>The step of a committed step directory name, or null when the name is not one.</summary>
    public static long? ParseStep(string name)
    {
        var match = StepPattern().Match(name);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    /// <summary>Whether <paramref name="name"/> is one of the manager's staging names with <paramref name="prefix"/>; returns its step.</summary>
    public static long? ParseStaging(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var match = StagingPattern().Match(name[prefix.Length..]);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : null;
    }

    [GeneratedRegex(@"^step_([0-9]{8,19})$", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"^step_([0-9]{8,19})-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingPattern();
}
