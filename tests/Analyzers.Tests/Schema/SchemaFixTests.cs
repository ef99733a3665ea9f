using static Checkpoint.Analyzers.Tests.Schema.SchemaVerify;

namespace Checkpoint.Analyzers.Tests.Schema;

/// <summary>The fix of CKPT0018-CKPT0020 accepts the code's side in the schema file; Fix All writes the whole file.</summary>
public class SchemaFixTests
{
    private const string Header = Checkpoint.Schema.SchemaText.Header + "\n";

    private const string Source = """
        public partial class Layer
        {
            [Param] public NdArray<float> W = default!;
            [Param] public double[,] B = new double[1, 1];
        }

        public partial class Net
        {
            public List<Layer> Layers = new();
            [LongTerm] public int Step;
            [Param] public Quantity Tau;
            [Config] public int Size = 2;
        }
        """;

    [Fact]
    public async Task Fix_all_on_an_empty_schema_writes_every_saved_path_sorted()
    {
        await FixAsync(Source, "", Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.W float32 * array
            Net: Step int 0 scalar
            Net: Tau * * quantity

            """,
            [At("CKPT0020", 3, 35), At("CKPT0020", 4, 30), At("CKPT0020", 10, 27), At("CKPT0020", 11, 29)],
            iterations: 4);
    }

    [Fact]
    public async Task Fixing_a_gone_path_removes_its_line()
    {
        await FixAsync(Source, Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.V float32 * array
            Net: Layers.*.W float32 * array
            Net: Step int 0 scalar
            Net: Tau * * quantity
            """, Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.W float32 * array
            Net: Step int 0 scalar
            Net: Tau * * quantity

            """,
            [At("CKPT0018", 7, 22)]);
    }

    [Fact]
    public async Task Fixing_a_changed_path_writes_the_code_side_and_keeps_the_rank_the_schema_knows()
    {
        // W was saved as float64 with rank 2 (a schema taken from a file): the code's NdArray<float> has no rank.
        await FixAsync(Source, Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.W float64 2 array
            Net: Step int 0 scalar
            Net: Tau * * quantity
            """, Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.W float32 2 array
            Net: Step int 0 scalar
            Net: Tau * * quantity

            """,
            [At("CKPT0019", 3, 35)]);
    }

    [Fact]
    public async Task Fixing_a_losslessly_widened_path_updates_its_line()
    {
        // B was saved as float32 (rank 2); the code now saves float64, which old checkpoints still load.
        await FixAsync(Source, Header + """
            Net: Layers.*.B float32 2 array
            Net: Layers.*.W float32 * array
            Net: Step int 0 scalar
            Net: Tau * * quantity
            """, Header + """
            Net: Layers.*.B float64 2 array
            Net: Layers.*.W float32 * array
            Net: Step int 0 scalar
            Net: Tau * * quantity

            """,
            [At("CKPT0020", 4, 30)]);
    }
}
