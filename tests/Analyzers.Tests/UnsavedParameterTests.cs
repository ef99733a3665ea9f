using Checkpoint.Analyzers.Tests.Verifiers;
using V = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.UnsavedParameterAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class UnsavedParameterTests
{
    [Fact]
    public Task Floating_tensor_array_and_quantity_without_attribute_are_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            public NdArray<float> {|CKPT0001:Bias|} = NdArray<float>.Zeros(2);
            private double[] {|CKPT0001:_gains|} = new double[2];
            public System.Half[,] {|CKPT0001:Grid|} { get; set; } = new System.Half[1, 1];
        }
        """);

    [Fact]
    public Task A_floating_platform_tensor_without_attribute_is_reported_an_integer_one_is_not() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            public System.Numerics.Tensors.Tensor<float> {|CKPT0001:Gain|} = System.Numerics.Tensors.Tensor.Create(new float[2], [2]);
            public System.Numerics.Tensors.Tensor<int> Indices = System.Numerics.Tensors.Tensor.Create(new int[2], [2]);
        }
        """);

    [Fact]
    public Task Message_names_the_member() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            public float[] {|#0:Bias|} = new float[2];
        }
        """,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.UnsavedParameter).WithLocation(0).WithArguments("Bias"));

    [Fact]
    public Task NotState_scratch_buffer_is_not_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            [NotState] private float[] _scratch = new float[2];
        }
        """);

    [Fact]
    public Task Tensor_in_a_class_that_is_not_a_model_is_not_reported() => V.AnalyzeAsync("""
        public class Buffer
        {
            public NdArray<float> Data = NdArray<float>.Zeros(2);
            public float[] Values = new float[2];
        }
        """);

    [Fact]
    public Task Integer_data_static_const_and_computed_members_are_not_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            public NdArray<int> Indices = NdArray<int>.Zeros(2);
            public int[] Counts = new int[2];
            public static float[] Shared = new float[2];
            public float[] Computed => new float[2];
            public float Scale = 1;
        }
        """);

    [Fact]
    public Task A_model_split_over_files_gets_each_diagnostic_once_in_the_file_of_its_member() => V.AnalyzeAsync(
    [
        """
        public partial class Split
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            public float[] {|CKPT0001:Here|} = new float[2];
        }
        """,
        """
        public partial class Split
        {
            public float[] {|CKPT0001:There|} = new float[2];
        }
        """,
    ]);

    [Fact]
    public Task Derived_model_members_are_reported() => V.AnalyzeAsync("""
        public partial class Base
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
        }
        public partial class Derived : Base
        {
            public float[] {|CKPT0001:Extra|} = new float[2];
        }
        """);

    [Fact]
    public Task Generic_model_and_module_are_checked() => V.AnalyzeAsync("""
        public partial class Layer<T> where T : unmanaged
        {
            [Param] public NdArray<T> Weight = NdArray<T>.Zeros(2);
            public NdArray<double> {|CKPT0001:Trace|} = NdArray<double>.Zeros(2);
            public NdArray<T> Generic = NdArray<T>.Zeros(2);
        }
        [Module]
        public partial class Net
        {
            public Layer<float> First = new();
            public float[] {|CKPT0001:Gains|} = new float[1];
        }
        """);

    [Fact]
    public Task Config_members_are_not_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Config] public float[] Sizes { get; set; } = new float[2];
        }
        """);
}

public class AddStateAttributeFixTests
{
    private const string Before = """
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);

            public float[] {|CKPT0001:Bias|} = new float[2];
        }
        """;

    [Theory]
    [InlineData(0, "Param")]
    [InlineData(1, "LongTerm")]
    [InlineData(2, "ShortTerm")]
    [InlineData(3, "NotState")]
    public Task Each_action_adds_its_attribute(int index, string attribute) =>
        V.FixAsync<CodeFixes.AddStateAttributeFix>(Before, $$"""
            public partial class Layer
            {
                [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);

                [{{attribute}}]
                public float[] Bias = new float[2];
            }
            """, index, "CKPT0001.Add" + attribute);

    [Fact]
    public Task Fix_all_marks_every_member() => V.FixAsync<CodeFixes.AddStateAttributeFix>("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);

            public float[] {|CKPT0001:A|} = new float[2];

            public NdArray<double> {|CKPT0001:B|} { get; set; } = NdArray<double>.Zeros(1);
        }
        """, """
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);

            [NotState]
            public float[] A = new float[2];

            [NotState]
            public NdArray<double> B { get; set; } = NdArray<double>.Zeros(1);
        }
        """, 3, "CKPT0001.AddNotState");
}
