using System.Text.Json;
using Checkpoint.Cli.Output;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Cli.Commands;

/// <summary><c>checkpoint inspect FILE [--json]</c>: shows what a checkpoint file holds (a manager directory: see <see cref="InspectDirectoryCommand"/>).</summary>
internal static class InspectCommand
{
    public const string Usage = "checkpoint inspect FILE|DIR [--json]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToList();
        if (files.Count != 1 || files[0].StartsWith('-'))
        {
            error.WriteLine($"usage: {Usage}");
            return 2;
        }

        var path = files[0];
        if (Directory.Exists(path)) return InspectDirectoryCommand.Run(path, json, output, error);
        if (!File.Exists(path))
        {
            error.WriteLine($"checkpoint: Checkpoint not found: {path}");
            return 1;
        }

        StateNode root;
        long size;
        try
        {
            using var stream = File.OpenRead(path);
            size = stream.Length;
            root = MsgPackReader.Read(stream, new LoadOptions { SourceName = path });
        }
        catch (Exception ex) when (ex is CheckpointException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"checkpoint: {ex.Message}");
            return 1;
        }

        var name = Path.GetFileName(path);
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                JsonTreeWriter.WriteDocument(writer, name, root);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            TextTreeWriter.Write(output, name, size, root);
        }

        return 0;
    }
}
