using System.Diagnostics;
using Checkpoint.Formats;
using Checkpoint.Schema;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// <c>schema FILE [--model NAME] [--check SCHEMA]</c>: a checkpoint's paths in the format of CheckpointSchema.txt, from
/// files of every format the library writes, and the check of a file against a schema file.
/// </summary>
public sealed class SchemaCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Save(string name, StateDict tree)
    {
        var path = _folder[name];
        CheckpointFormats.Save(path, tree, CheckpointFormats.FromExtension(path)!.Value);
        return path;
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(_folder[name], text);
        return _folder[name];
    }

    private static StateDict Layer(int inputs) => new()
    {
        ["weight"] = new TensorNode(NdArray<float>.Zeros(inputs, 4)),
        ["bias"] = new TensorNode(NdArray<float>.Zeros(4)),
    };

    // What a model with every kind of member saves: arrays, a list of child models, scalars, a string, a quantity.
    private static StateDict Net() => new()
    {
        ["encoder"] = new StateDict { ["weight"] = new TensorNode(NdArray<double>.Zeros(3, 3, 2)) },
        ["layers"] = new StateDict { ["0"] = Layer(8), ["1"] = Layer(4) },
        ["step"] = 1000L,
        ["lr"] = 0.01,
        ["gain"] = NumpyScalarNode.From(1.5f),
        ["trained"] = true,
        ["name"] = "lif",
        ["tau"] = new Quantity(NdArray<float>.Full(10f, 5), Units.ms).ToNode(),
        ["cache"] = NullNode.Instance,
    };

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Prints_the_header_then_one_sorted_line_per_saved_path()
    {
        var result = CliRunner.Run("schema", Save("net.msgpack", Net()), "--model", "Net");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                SchemaText.Header,
                "Net: cache none * none",
                "Net: encoder.weight float64 3 array",
                "Net: gain float32 0 scalar",
                "Net: layers.*.bias float32 1 array",
                "Net: layers.*.weight float32 2 array",
                "Net: lr float64 0 scalar",
                "Net: name str 0 string",
                "Net: step int 0 scalar",
                "Net: tau float32 1 quantity",
                "Net: trained bool 0 scalar",
            ],
            Lines(result.Output));
    }

    [Fact]
    public void The_output_reads_back_as_the_same_lines()
    {
        var result = CliRunner.Run("schema", Save("net.msgpack", Net()), "--model", "Net");
        var document = SchemaText.Parse(result.Output);

        Assert.Empty(document.Errors);
        Assert.Equal(result.Output, SchemaText.Print(document.Lines.Select(line => line.Line)));
    }

    [Fact]
    public void A_list_whose_entries_differ_is_written_entry_by_entry()
    {
        var tree = new StateDict { ["layers"] = new StateDict { ["0"] = Layer(8), ["1"] = new StateDict { ["kernel"] = new TensorNode(NdArray<float>.Zeros(2)) } } };

        var result = CliRunner.Run("schema", Save("net.msgpack", tree), "--model", "Net");

        Assert.Equal(
            [SchemaText.Header, "Net: layers.0.bias float32 1 array", "Net: layers.0.weight float32 2 array", "Net: layers.1.kernel float32 1 array"],
            Lines(result.Output));
    }

    [Theory]
    [InlineData("net.npz")]
    [InlineData("net.safetensors")]
    public void Every_format_gives_the_lines_of_the_same_tree(string name)
    {
        var tree = new StateDict { ["encoder"] = Layer(3), ["layers"] = new StateDict { ["0"] = Layer(2), ["1"] = Layer(2) } };
        var expected = CliRunner.Run("schema", Save("net.msgpack", tree), "--model", "Net").Output;

        var result = CliRunner.Run("schema", Save(name, tree), "--model", "Net");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Output);
        Assert.Contains("Net: layers.*.weight float32 2 array", result.Output);
    }

    [Fact]
    public void Keys_that_are_not_plain_words_are_escaped_so_the_line_still_splits()
    {
        var tree = new StateDict { ["a.b"] = 1L, ["with space"] = 2L, ["*"] = 3L, [""] = 4L };

        var result = CliRunner.Run("schema", Save("odd.msgpack", tree), "--model", "Net");

        Assert.Equal(
            [SchemaText.Header, @"Net: \* int 0 scalar", @"Net: \e int 0 scalar", @"Net: a\.b int 0 scalar", @"Net: with\u0020space int 0 scalar"],
            Lines(result.Output));
        Assert.Empty(SchemaText.Parse(result.Output).Errors);
    }

    [Fact]
    public void A_training_checkpoint_gives_its_params_and_long_term_paths_under_the_model_its_metadata_names()
    {
        var tree = new StateDict
        {
            [CheckpointKeys.Version] = "1.0",
            [CheckpointKeys.Epoch] = 3,
            [CheckpointKeys.Params] = new StateDict { ["encoder"] = Layer(3) },
            [CheckpointKeys.LongTerm] = new StateDict { ["encoder"] = new StateDict { ["mean"] = new TensorNode(NdArray<float>.Zeros(4)) } },
            [CheckpointKeys.OptimizerState] = new StateDict { ["m"] = new TensorNode(NdArray<float>.Zeros(4)) },
            [CheckpointKeys.Metadata] = new StateDict { [CheckpointKeys.ModelType] = "Net" },
        };

        var result = CliRunner.Run("schema", Save("train.msgpack", tree));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [SchemaText.Header, "Net: encoder.bias float32 1 array", "Net: encoder.mean float32 1 array", "Net: encoder.weight float32 2 array"],
            Lines(result.Output));
        Assert.Contains("training checkpoint", result.Error);
    }

    [Fact]
    public void Without_a_model_name_the_lines_say_Model_and_a_note_says_why()
    {
        var result = CliRunner.Run("schema", Save("net.msgpack", new StateDict { ["w"] = 1L }));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Model: w int 0 scalar", result.Output);
        Assert.Contains("give --model NAME", result.Error);
    }

    [Theory]
    [InlineData("Two Words")]
    [InlineData("Net:")]
    [InlineData("#Net")]
    public void A_model_name_the_format_cannot_hold_is_a_usage_error(string name)
    {
        var result = CliRunner.Run("schema", Save("net.msgpack", new StateDict { ["w"] = 1L }), "--model", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a model name", result.Error);
    }

    [Fact]
    public void A_file_whose_root_is_one_array_has_no_schema()
    {
        var path = _folder["one.npy"];
        CheckpointFormats.Save(path, new TensorNode(NdArray<float>.Zeros(2)), CheckpointFormat.Npy);

        var result = CliRunner.Run("schema", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("one.npy: the root is a single array, not a map of a model's state", result.Error);
    }

    [Fact]
    public void Check_passes_a_file_that_loads_into_the_schema_and_counts_its_paths()
    {
        var schema = Write("CheckpointSchema.txt", SchemaText.Header + "\n" + """
            Net: encoder.weight float64 * array
            Net: layers.*.bias float32 1 array
            Net: layers.*.weight float32 2 array
            Net: step int 0 scalar
            """);
        var file = Save("net.msgpack", new StateDict
        {
            ["encoder"] = new StateDict { ["weight"] = new TensorNode(NdArray<float>.Zeros(3, 3)) },
            ["layers"] = new StateDict { ["0"] = Layer(8), ["1"] = Layer(4) },
            ["step"] = 5L,
        });

        var result = CliRunner.Run("schema", file, "--check", schema);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("net.msgpack: every path loads into Net as CheckpointSchema.txt describes it (4 paths)", result.Output);
        // float32 in the file, float64 in the schema: loads, said as a note.
        Assert.Contains("note encoder.weight: saved as float32, read as float64 (lossless)", result.Output);
    }

    [Fact]
    public void Check_fails_for_a_path_the_schema_does_not_list_and_for_a_lossy_dtype()
    {
        var schema = Write("CheckpointSchema.txt", """
            Net: encoder.kernel float32 2 array
            Net: bias float16 1 array
            """);
        var file = Save("net.msgpack", new StateDict
        {
            ["encoder"] = new StateDict { ["weight"] = new TensorNode(NdArray<float>.Zeros(3, 3)) },
            ["bias"] = new TensorNode(NdArray<float>.Zeros(3)),
        });

        var result = CliRunner.Run("schema", file, "--check", schema);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL encoder.weight: in the file (float32 2 array), not in CheckpointSchema.txt: it would not load", result.Output);
        Assert.Contains("FAIL bias: saved as float32, which does not convert losslessly to float16", result.Output);
        Assert.Contains("note encoder.kernel: in CheckpointSchema.txt (float32 2 array), not in the file", result.Output);
        Assert.Contains("2 of 2 paths would not load into Net", result.Output);
    }

    [Fact]
    public void Check_names_the_bad_line_of_a_schema_file()
    {
        var schema = Write("CheckpointSchema.txt", "# header\nNet: w float32 2 array\nNet: b float33 1 array\n");

        var result = CliRunner.Run("schema", Save("net.msgpack", new StateDict { ["w"] = 1L }), "--check", schema);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: unknown dtype 'float33'", result.Error);
        Assert.Contains("'Net: b float33 1 array'", result.Error);
    }

    [Fact]
    public void Check_of_a_model_the_schema_does_not_list_says_so()
    {
        var schema = Write("CheckpointSchema.txt", "Net: w int 0 scalar\nOther: w int 0 scalar\n");

        var result = CliRunner.Run("schema", Save("net.msgpack", new StateDict { ["w"] = 1L }), "--check", schema, "--model", "Missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lists no paths of model 'Missing'", result.Error);
    }

    [SkippableFact]
    public void Check_refuses_a_schema_path_that_is_a_fifo_instead_of_blocking_on_it()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a Unix thing.");
        var fifo = _folder["schema.fifo"];
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();

        var result = CliRunner.Run("schema", Save("net.msgpack", new StateDict { ["w"] = 1L }), "--check", fifo);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("schema.fifo", result.Error);
    }
}
