using System.CommandLine;
using Checkpoint.Cli.Output;
using Checkpoint.Cli.Schema;
using Checkpoint.Formats;
using Checkpoint.Schema;
using Checkpoint.Storage;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// <c>checkpoint schema FILE [--model NAME] [--check SCHEMA]</c>: the schema of a checkpoint file of any format, in the
/// format of a project's <c>CheckpointSchema.txt</c> (docs/schema.md), so a file from production can be compared with
/// the code: by <c>diff</c>, or by <c>--check</c>, which applies the analyzers' rules (lossless dtype changes load,
/// <c>*</c> matches anything) and exits 1 when a path of the file would not load.
/// </summary>
internal sealed class SchemaCommand : CliCommand
{
    // A schema file is text written by a tool, one short line per path: anything larger is not one.
    private const long MaxSchemaBytes = 64L << 20;

    private const string DefaultModel = "Model";

    public override string Name => "schema";

    public override Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A checkpoint file (.msgpack, .npz, .safetensors; other names by content)." };
        var model = new Option<string?>("--model")
        {
            Description = "The model name written on each line (Net). Default: the model type a training checkpoint's metadata names, " +
                "else (with --check) the one model of SCHEMA, else 'Model'.",
        };
        var check = new Option<string?>("--check")
        {
            Description = "Compare with a schema file (CheckpointSchema.txt) instead of printing: list the paths of FILE that would not " +
                "load into the model SCHEMA describes; exit 1 when there is one.",
        };
        var command = NewCommand(
            "Print a checkpoint's schema: one line per saved path, \"Model: path dtype rank kind\", sorted, as in CheckpointSchema.txt " +
            "(docs/schema.md); or check the file against a schema file.",
            (parsed, cancellationToken) => Run(console, parsed.GetValue(file)!, parsed.GetValue(model), parsed.GetValue(check), cancellationToken));
        command.Arguments.Add(file);
        command.Options.Add(model);
        command.Options.Add(check);
        return command;
    }

    private int Run(CliConsole console, string path, string? modelName, string? schemaPath, CancellationToken cancellationToken)
    {
        if (modelName is not null && !SchemaText.IsModelName(modelName))
            throw new CliUsageException(Name, $"--model '{modelName}' is not a model name (no spaces, ':' or leading '#')");
        var schema = schemaPath is null ? null : ReadSchema(schemaPath);

        using var file = CheckpointFormats.Open(path, cancellationToken: cancellationToken);
        var name = Path.GetFileName(file.FullPath);
        var model = modelName ?? FileSchema.ModelType(file.Root) ?? OnlyModel(schema) ?? DefaultModel;
        var lines = FileSchema.Read(file.Root, model, name, cancellationToken);
        if (file.Root is StateDict root && FileSchema.IsTrainingLayout(root))
            console.Error.WriteLine($"note: {TerminalText.Escape(name)} is a training checkpoint: the paths are read from '{CheckpointKeys.Params}' and '{CheckpointKeys.LongTerm}'");
        if (modelName is null && model == DefaultModel)
            console.Error.WriteLine($"note: {TerminalText.Escape(name)} does not name its model; the lines say '{DefaultModel}' (give --model NAME)");

        if (schema is null)
        {
            console.Output.Write(SchemaText.Print(lines));
            return ExitCodes.Ok;
        }

        return Check(console.Output, name, model, lines, schemaPath!, schema);
    }

    private SchemaDocument ReadSchema(string schemaPath)
    {
        // Opened as what it is: a link the user named is followed, a FIFO or device is refused rather than read.
        using var handle = SafeFile.OpenRead(Path.GetFullPath(schemaPath), followLinks: true);
        var length = RandomAccess.GetLength(handle);
        if (length > MaxSchemaBytes)
            throw new CheckpointException($"{schemaPath} is {length} bytes, too large for a schema file (at most {MaxSchemaBytes}).");
        var bytes = new byte[length];
        var filled = 0;
        for (int read; filled < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(filled), filled)) > 0;) filled += read;
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, filled);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new CheckpointException($"{schemaPath} is not UTF-8 text, so it is not a schema file.");
        }

        var document = SchemaText.Parse(text);
        if (document.Errors.Count > 0)
        {
            var first = document.Errors[0];
            throw new CheckpointException($"{schemaPath} line {first.LineNumber}: {first.Reason}: '{first.Text}'" +
                (document.Errors.Count > 1 ? $" (and {document.Errors.Count - 1} more bad lines)" : ""));
        }

        return document;
    }

    private static string? OnlyModel(SchemaDocument? schema)
    {
        var models = schema?.Lines.Select(line => line.Line.Model).Distinct().Take(2).ToList();
        return models is { Count: 1 } ? models[0] : null;
    }

    // The file's lines are what was saved; the schema's lines of the model are what the code reads.
    private static int Check(TextWriter output, string name, string model, List<SchemaLine> lines, string schemaPath, SchemaDocument schema)
    {
        var current = schema.Lines.Where(line => line.Line.Model == model).Select(line => new SchemaEntry(line.Line, [])).ToList();
        var schemaName = TerminalText.Escape(Path.GetFileName(schemaPath));
        if (current.Count == 0) throw new CheckpointException($"{schemaPath} lists no paths of model '{model}' (give --model NAME)");

        var saved = lines.Select((line, index) => new NumberedLine(index + 1, line));
        var findings = SchemaComparison.Compare(saved, current);
        var failures = 0;
        foreach (var finding in findings.OrderBy(f => f.Saved?.Line.Path ?? f.Current!.Line.Path, StringComparer.Ordinal))
        {
            var text = finding.Kind switch
            {
                SchemaFindingKind.Gone => $"FAIL {finding.Saved!.Line.Path}: in the file ({Fields(finding.Saved.Line)}), not in {schemaName}: it would not load",
                SchemaFindingKind.Changed => $"FAIL {finding.Saved!.Line.Path}: {finding.Reason}",
                SchemaFindingKind.Outdated => $"note {finding.Saved!.Line.Path}: {finding.Reason}",
                _ => $"note {finding.Current!.Line.Path}: in {schemaName} ({Fields(finding.Current.Line)}), not in the file",
            };
            if (finding.Kind is SchemaFindingKind.Gone or SchemaFindingKind.Changed) failures++;
            output.WriteLine(TerminalText.Escape(text));
        }

        output.WriteLine(failures == 0
            ? $"{TerminalText.Escape(name)}: every path loads into {model} as {schemaName} describes it ({lines.Count} paths)"
            : $"{TerminalText.Escape(name)}: {failures} of {lines.Count} paths would not load into {model} as {schemaName} describes it");
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Fields(SchemaLine line) => $"{line.DType} {line.RankText} {line.Kind}";
}
