using static Checkpoint.Analyzers.Tests.Schema.SchemaVerify;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>CKPT0018-CKPT0021: the schema file compared with what the code saves (docs/schema.md).</summary>
public class SchemaAnalyzerTests
{
    private const string Header = Checkpoint.Schema.SchemaText.Header + "\n";

    // Line numbers in the expectations count from the first line of these sources.
    private const string Net = """
        public partial class Encoder
        {
            [Param] public NdArray<float> Kernel = default!;
            [Param(FormerNames = ["Bias"])] public float[] Offset = new float[2];
        }

        public partial class Net
        {
            public Encoder Encoder = new();
            [LongTerm] public long Step;
            [ShortTerm] public float[] Trace = new float[2];
        }
        """;

    // Line numbers in the expectations count from the first line of these sources.
    private const string Tensors = """
        public partial class Tensors
        {
            [Param] public System.Numerics.Tensors.Tensor<float> Platform = System.Numerics.Tensors.Tensor.Create(new float[2], [2]);
            [LongTerm] public INdArray? Foreign;
        }
        """;

    [Fact]
    public async Task Platform_tensors_have_their_dtype_and_other_tensors_any_dtype()
    {
        await AnalyzeAsync(Tensors, Header + """
            Tensors: Foreign * * array
            Tensors: Platform float32 * array
            """);
    }

    [Fact]
    public async Task A_platform_tensor_saved_as_another_dtype_is_a_changed_path()
    {
        await AnalyzeAsync(Tensors, Header + """
            Tensors: Foreign * * array
            Tensors: Platform float64 * array
            """,
            At("CKPT0019", 3, 58).WithArguments("Platform", "Tensors", "saved as float64, which does not convert losslessly to float32", "CheckpointSchema.txt", "3"));
    }

    [Fact]
    public async Task A_schema_that_matches_the_code_reports_nothing()
    {
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Kernel float32 * array
            Net: Encoder.Offset float32 1 array
            Net: Step int 0 scalar
            """);
    }

    [Fact]
    public async Task A_project_without_a_schema_file_gets_no_schema_diagnostics()
    {
        await AnalyzeAsync(Net, schema: null);
    }

    [Fact]
    public async Task A_renamed_member_without_FormerNames_is_a_gone_path_and_a_new_one()
    {
        // The schema was written when Kernel was called Weight.
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Weight float32 * array
            Net: Encoder.Offset float32 1 array
            Net: Step int 0 scalar
            """,
            At("CKPT0018", 7, 22).WithArguments("Encoder.Weight", "Net", "CheckpointSchema.txt", "2"),
            At("CKPT0020", 3, 35).WithArguments("Encoder.Kernel", "Net", "CheckpointSchema.txt", ""));
    }

    [Fact]
    public async Task A_path_a_former_name_reads_is_not_gone()
    {
        // Offset was Bias: old checkpoints hold Encoder.Bias, which FormerNames still loads.
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Bias float32 1 array
            Net: Encoder.Kernel float32 * array
            Net: Step int 0 scalar
            """,
            At("CKPT0020", 4, 52).WithArguments("Encoder.Offset", "Net", "CheckpointSchema.txt", ""));
    }

    [Fact]
    public async Task Removing_FormerNames_brings_the_warning_back()
    {
        var withoutFormerNames = Net.Replace("[Param(FormerNames = [\"Bias\"])]", "[Param]");
        await AnalyzeAsync(withoutFormerNames, Header + """
            Net: Encoder.Bias float32 1 array
            Net: Encoder.Kernel float32 * array
            Net: Encoder.Offset float32 1 array
            Net: Step int 0 scalar
            """,
            At("CKPT0018", 7, 22).WithArguments("Encoder.Bias", "Net", "CheckpointSchema.txt", "2"));
    }

    [Fact]
    public async Task A_dtype_that_does_not_convert_losslessly_is_a_changed_path()
    {
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Kernel float64 * array
            Net: Encoder.Offset float32 2 array
            Net: Step int 0 scalar
            """,
            At("CKPT0019", 3, 35).WithArguments("Encoder.Kernel", "Net", "saved as float64, which does not convert losslessly to float32", "CheckpointSchema.txt", "2"),
            At("CKPT0019", 4, 52).WithArguments("Encoder.Offset", "Net", "saved with rank 2, read with rank 1", "CheckpointSchema.txt", "3"));
    }

    [Fact]
    public async Task A_lossless_widening_is_information_that_the_line_is_outdated()
    {
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Kernel float16 * array
            Net: Encoder.Offset float32 1 array
            Net: Step int 0 scalar
            """,
            At("CKPT0020", 3, 35).WithArguments("Encoder.Kernel", "Net", "CheckpointSchema.txt", " (line 2: saved as float16, read as float32 (lossless))"));
    }

    [Fact]
    public async Task Unreadable_lines_and_unknown_models_are_reported_on_the_schema_line()
    {
        await AnalyzeAsync(Net, Header + """
            Net: Encoder.Kernel float32 * array
            Net: Encoder.Offset float32 1 array
            Net: Step int 0 scalar
            Net: Step int 0 scalar
            Net: Encoder.Kernel float32 * tensor
            Old: W float32 2 array
            """,
            OnSchemaLine("CKPT0021", 5, "Net: Step int 0 scalar".Length),
            OnSchemaLine("CKPT0021", 6, "Net: Encoder.Kernel float32 * tensor".Length),
            OnSchemaLine("CKPT0021", 7, "Old: W float32 2 array".Length));
    }

    [Fact]
    public async Task Lists_of_children_generic_children_and_bases_give_their_paths()
    {
        const string source = """
            public partial class Layer<T> where T : unmanaged
            {
                [Param] public NdArray<T> W = default!;
                [Param] public T Gain;
            }

            public abstract partial class Base
            {
                [LongTerm] public string Name = "";
            }

            public partial class Deep : Base
            {
                public List<Layer<float>> Layers = new();
                public Dictionary<string, Layer<double>> Heads = new();
                [Param] public Quantity Tau;
                [Param] public int Count;
                [Param] public System.Half Scale;
            }
            """;
        await AnalyzeAsync(source, Header + """
            Deep: Count int 0 scalar
            Deep: Heads.*.Gain float64 0 scalar
            Deep: Heads.*.W float64 * array
            Deep: Layers.*.Gain float32 0 scalar
            Deep: Layers.*.W float32 3 array
            Deep: Name str 0 string
            Deep: Scale float16 0 scalar
            Deep: Tau * * quantity
            """);
    }

    [Fact]
    public async Task Lines_below_a_child_the_code_cannot_see_into_are_not_gone()
    {
        const string source = """
            public abstract partial class Cell
            {
                [Param] public float[] W = new float[1];
            }

            public partial class Lstm : Cell
            {
                [Param] public float[] U = new float[1];
            }

            [Module] public partial class Rnn
            {
                public Cell Cell = new Lstm();
            }
            """;
        // Cell.U is saved by the subclass the member holds at run time: not reported. Cell.W is checked.
        await AnalyzeAsync(source, Header + """
            Lstm: U float32 1 array
            Lstm: W float32 1 array
            Rnn: Cell.U float32 1 array
            Rnn: Cell.W float32 2 array
            """,
            At("CKPT0019", 3, 28).WithArguments("Cell.W", "Rnn", "saved with rank 2, read with rank 1", "CheckpointSchema.txt", "5"));
    }
}
