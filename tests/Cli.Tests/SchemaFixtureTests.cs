using Checkpoint.Cli.Schema;
using Checkpoint.Schema;
using Checkpoint.SchemaFixture;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// The schema the analyzers' Fix All writes for the fixture model (FixtureNet.schema.txt, checked in
/// tests/Analyzers.Tests/Schema/SchemaFixtureTests) is what a checkpoint the runtime saves from that model holds.
/// </summary>
public sealed class SchemaFixtureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_saved_checkpoint_agrees_with_the_schema_the_code_fix_writes()
    {
        var path = MsgPackCheckpoint.Save(_folder["net.msgpack"], new FixtureNet());
        using var file = MsgPackCheckpoint.Open(path);
        var saved = FileSchema.Read(file.Root, nameof(FixtureNet), "net.msgpack", CancellationToken.None);
        var schema = SchemaText.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SchemaFixture", "FixtureNet.schema.txt")));
        Assert.Empty(schema.Errors);
        Assert.Equal(12, schema.Lines.Count);

        // Every path of the file is in the schema and loads as the schema says, and every schema path is in the file.
        var numbered = saved.Select((line, i) => new NumberedLine(i + 1, line)).ToList();
        var findings = SchemaComparison.Compare(numbered, schema.Lines.Select(l => new SchemaEntry(l.Line, [])));
        Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.Kind} {f.Saved?.Line ?? f.Current?.Line} {f.Reason}")));
        Assert.Equal(schema.Lines.Count, saved.Count);
    }
}
