using System.Globalization;
using System.Text.Json;
using Checkpoint.Cli.Output;
using Checkpoint.Management;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint inspect DIR [--json]</c>: lists a manager directory's steps with time, metrics, size and intact/corrupt.</summary>
internal static class InspectDirectoryCommand
{
    public static int Run(string path, bool json, TextWriter output, TextWriter error)
    {
        IReadOnlyList<StepVerification> steps;
        try
        {
            steps = CheckpointManager.VerifyDirectory(path);
        }
        catch (Exception e) when (e is CheckpointException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"checkpoint: {e.Message}");
            return 1;
        }

        if (json) WriteJson(output, path, steps);
        else WriteText(output, path, steps);
        return 0;
    }

    private static void WriteText(TextWriter output, string path, IReadOnlyList<StepVerification> steps)
    {
        var total = steps.Sum(s => s.Manifest?.TotalBytes ?? 0);
        output.WriteLine($"{path}: {steps.Count} step(s), {Sizes.Format(total)}");
        if (steps.Count == 0) return;
        output.WriteLine($"{"step",10}  {"saved (UTC)",-20}  {"size",10}  {"status",-7}  metrics");
        foreach (var step in steps)
        {
            var manifest = step.Manifest;
            var time = manifest?.SavedAtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "?";
            var size = manifest is null ? "?" : Sizes.Format(manifest.TotalBytes);
            var metrics = manifest is null ? "" : string.Join(" ", manifest.Metrics.Select(m => $"{m.Key}={m.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
            output.WriteLine($"{step.Step,10}  {time,-20}  {size,10}  {(step.IsIntact ? "intact" : "corrupt"),-7}  {metrics}");
            if (!step.IsIntact) output.WriteLine($"{"",10}  ! {step.Summary}");
        }
    }

    private static void WriteJson(TextWriter output, string path, IReadOnlyList<StepVerification> steps)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("directory", Path.GetFullPath(path));
            writer.WriteStartArray("steps");
            foreach (var step in steps)
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", step.Step);
                writer.WriteBoolean("intact", step.IsIntact);
                if (step.Manifest is { } manifest)
                {
                    writer.WriteString("saved_at", manifest.SavedAtUtc);
                    writer.WriteNumber("size", manifest.TotalBytes);
                    writer.WriteStartObject("metrics");
                    foreach (var (name, value) in manifest.Metrics)
                    {
                        if (double.IsFinite(value)) writer.WriteNumber(name, value);
                        else writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
                    }

                    writer.WriteEndObject();
                }

                writer.WriteStartArray("problems");
                foreach (var problem in step.Problems) writer.WriteStringValue(problem);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
