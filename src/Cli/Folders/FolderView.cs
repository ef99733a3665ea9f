using System.Globalization;
using System.Text.Json;
using Checkpoint.Cli.Output;
using Checkpoint.Management;

namespace Checkpoint.Cli.Folders;

/// <summary>
/// <c>inspect DIR</c>: a manager directory's steps (time, metrics, size, intact or corrupt) and the plain checkpoint
/// files of the folder (format, size, arrays, metadata), as text or JSON. Every name and value from the folder is escaped.
/// </summary>
internal sealed record FolderView(string Folder, IReadOnlyList<StepVerification>? Steps, IReadOnlyList<FileSummary> Files, IReadOnlyList<string> Unfinished)
{
    /// <summary>Reads what the folder holds: steps (verified) when it is a manager directory, and every checkpoint file's structure.</summary>
    public static FolderView Read(string folder, CancellationToken cancellationToken)
    {
        var steps = FolderContents.IsManagerDirectory(folder) ? CheckpointManager.VerifyDirectory(folder, cancellationToken) : null;
        var files = FolderContents.CheckpointFiles(folder).Select(file => FileSummary.Read(file, cancellationToken)).ToList();
        return new FolderView(folder, steps, files, FolderContents.Unfinished(folder).ToList());
    }

    public void WriteText(TextWriter output)
    {
        var name = TerminalText.Escape(Folder);
        if (Steps is null && Files.Count == 0)
            output.WriteLine($"{name}: no checkpoints (no step_* directories of a checkpoint manager, no .msgpack, .npz, .npy or .safetensors files)");
        if (Steps is not null) WriteSteps(output, name, Steps);
        if (Files.Count > 0) WriteFiles(output, name);
        foreach (var leftover in Unfinished)
            output.WriteLine($"note: {TerminalText.Escape(leftover)} is left from an interrupted save or deletion");
    }

    public void WriteJson(JsonOutput output)
    {
        var json = output.Writer;
        json.WriteStartObject();
        json.WriteString("directory", Path.GetFullPath(Folder));
        json.WriteBoolean("manager", Steps is not null);
        json.WriteStartArray("steps");
        foreach (var step in Steps ?? []) WriteStepJson(json, step);
        json.WriteEndArray();
        json.WriteStartArray("files");
        foreach (var file in Files)
        {
            WriteFileJson(json, file);
            output.FlushIfLarge();
        }

        json.WriteEndArray();
        json.WriteStartArray("unfinished");
        foreach (var leftover in Unfinished) json.WriteStringValue(leftover);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSteps(TextWriter output, string name, IReadOnlyList<StepVerification> steps)
    {
        var total = steps.Sum(s => s.Manifest?.TotalBytes ?? 0);
        output.WriteLine($"{name}: {steps.Count} step(s), {Sizes.Format(total)}");
        if (steps.Count == 0) return;
        output.WriteLine($"{"step",10}  {"saved (UTC)",-20}  {"size",10}  {"status",-7}  metrics");
        foreach (var step in steps)
        {
            var manifest = step.Manifest;
            var time = manifest?.SavedAtUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "?";
            var size = manifest is null ? "?" : Sizes.Format(manifest.TotalBytes);
            var metrics = manifest is null ? "" : string.Join(" ", manifest.Metrics.Select(m => $"{TerminalText.Escape(m.Key)}={m.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
            output.WriteLine($"{step.Step,10}  {time,-20}  {size,10}  {(step.IsIntact ? "intact" : "corrupt"),-7}  {metrics}".TrimEnd());
            if (!step.IsIntact) output.WriteLine($"{"",10}  ! {TerminalText.Escape(step.Summary)}");
        }
    }

    private void WriteFiles(TextWriter output, string name)
    {
        output.WriteLine($"{name}: {Files.Count} checkpoint file(s), {Sizes.Format(Files.Sum(f => f.Size))}");
        var rows = Files.Select(file => (
            Name: TerminalText.Escape(file.Name),
            Format: file.Format.ToString().ToLowerInvariant(),
            Size: Sizes.Format(file.Size),
            Arrays: file.Totals?.Arrays.ToString(CultureInfo.InvariantCulture) ?? "?",
            Notes: file.Error is { } error ? "! " + error : string.Join(" ", file.Metadata.Select(m => $"{TerminalText.Escape(m.Key)}={ValueText.Leaf(m.Value)}")))).ToList();
        var nameWidth = Math.Max("file".Length, rows.Max(r => r.Name.Length));
        var formatWidth = Math.Max("format".Length, rows.Max(r => r.Format.Length));
        var sizeWidth = Math.Max("size".Length, rows.Max(r => r.Size.Length));
        output.WriteLine($"  {"file".PadRight(nameWidth)}  {"format".PadRight(formatWidth)}  {"size".PadLeft(sizeWidth)}  {"arrays",6}  metadata");
        foreach (var row in rows)
            output.WriteLine($"  {row.Name.PadRight(nameWidth)}  {row.Format.PadRight(formatWidth)}  {row.Size.PadLeft(sizeWidth)}  {row.Arrays,6}  {row.Notes}".TrimEnd());
    }

    private static void WriteStepJson(Utf8JsonWriter json, StepVerification step)
    {
        json.WriteStartObject();
        json.WriteNumber("step", step.Step);
        json.WriteBoolean("intact", step.IsIntact);
        if (step.Manifest is { } manifest)
        {
            json.WriteString("saved_at", manifest.SavedAtUtc);
            json.WriteNumber("size", manifest.TotalBytes);
            json.WriteStartObject("metrics");
            foreach (var (name, value) in manifest.Metrics)
            {
                json.WritePropertyName(name);
                JsonTreeWriter.WriteFloat(json, value);
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("problems");
        foreach (var problem in step.Problems) json.WriteStringValue(problem);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFileJson(Utf8JsonWriter json, FileSummary file)
    {
        json.WriteStartObject();
        json.WriteString("file", file.Name);
        json.WriteString("format", file.Format.ToString().ToLowerInvariant());
        json.WriteNumber("size", file.Size);
        if (file.Totals is { } totals)
        {
            json.WriteNumber("leaves", totals.Leaves);
            json.WriteNumber("arrays", totals.Arrays);
            json.WriteNumber("array_bytes", totals.ArrayBytes);
        }

        json.WriteStartObject("metadata");
        foreach (var (key, value) in file.Metadata)
        {
            json.WritePropertyName(key);
            JsonTreeWriter.WriteValue(json, value);
        }

        json.WriteEndObject();
        if (file.Error is { } error) json.WriteString("error", error);
        json.WriteEndObject();
    }
}
