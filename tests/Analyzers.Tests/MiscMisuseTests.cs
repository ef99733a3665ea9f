using Microsoft.CodeAnalysis.Testing;
using Keys = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.InvalidKeyAnalyzer>;
using Init = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.InitializerAnalyzer>;
using Module = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.EmptyModuleAnalyzer>;
using Outside = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.StateOutsideClassAnalyzer>;
using Former = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.FormerNameCollisionAnalyzer>;
using Fill = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.FillAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class InvalidKeyTests
{
    [Fact]
    public Task Empty_and_dotted_keys_are_reported() => Keys.AnalyzeAsync("""
        public partial class Layer
        {
            [{|CKPT0011:Param(Name = "")|}] public float[] A = new float[1];
            [{|#0:LongTerm(Name = "enc.w")|}] public float[] B = new float[1];
            [{|CKPT0011:ShortTerm(FormerNames = new[] { "old.v" })|}] public float[] C = new float[1];
        }
        """, new DiagnosticResult(Descriptors.InvalidKey).WithLocation(0).WithArguments("B", "enc.w", "a dotted path"));

    [Fact]
    public Task Plain_keys_are_not_reported() => Keys.AnalyzeAsync("""
        public partial class Layer
        {
            [Param(Name = "w_out", FormerNames = new[] { "weight", "W" })] public float[] A = new float[1];
            [Config(Name = "some.config")] public int Size { get; set; }
        }
        """);
}

public class InitializerTests
{
    [Fact]
    public Task Missing_static_parameterised_and_mistyped_initializers_are_reported() => Init.AnalyzeAsync("""
        public partial class Neuron
        {
            [{|CKPT0012:ShortTerm(Initializer = "Nope")|}] public float[] A = new float[1];
            [{|CKPT0012:ShortTerm(Initializer = nameof(Shared))|}] public float[] B = new float[1];
            [{|CKPT0012:ShortTerm(Initializer = nameof(WithArg))|}] public float[] C = new float[1];
            [{|#0:ShortTerm(Initializer = nameof(Wrong))|}] public float[] D = new float[1];
            static float[] Shared() => new float[1];
            float[] WithArg(int n) => new float[n];
            int Wrong() => 0;
        }
        """, new DiagnosticResult(Descriptors.InvalidInitializer).WithLocation(0).WithArguments("D", "Wrong", "float[]", "'Wrong' returns 'int'"));

    [Fact]
    public Task An_initializer_message_says_which_Tensor_is_which() => Init.AnalyzeAsync("""
        public partial class Neuron
        {
            [{|#0:ShortTerm(Initializer = nameof(Platform))|}] public NdArray<float> V = NdArray<float>.Zeros(1);
            [{|#1:ShortTerm(Initializer = nameof(Ours))|}] public System.Numerics.Tensors.Tensor<float> T = System.Numerics.Tensors.Tensor.Create(new float[1], [1]);
            System.Numerics.Tensors.Tensor<float> Platform() => System.Numerics.Tensors.Tensor.Create(new float[1], [1]);
            NdArray<float> Ours() => NdArray<float>.Zeros(1);
        }
        """,
        new DiagnosticResult(Descriptors.InvalidInitializer).WithLocation(0)
            .WithArguments("V", "Platform", "NdArray<float>", "'Platform' returns 'System.Numerics.Tensors.Tensor<float>'"),
        new DiagnosticResult(Descriptors.InvalidInitializer).WithLocation(1)
            .WithArguments("T", "Ours", "System.Numerics.Tensors.Tensor<float>", "'Ours' returns 'NdArray<float>'"));

    [Fact]
    public Task Private_initializer_of_a_base_class_is_reported() => Init.AnalyzeAsync("""
        public partial class Base
        {
            [Param] public float[] W = new float[1];
            private float[] Rest() => new float[1];
        }
        public partial class Neuron : Base
        {
            [{|#0:ShortTerm(Initializer = "Rest")|}] public float[] V = new float[1];
        }
        """, new DiagnosticResult(Descriptors.InvalidInitializer).WithLocation(0).WithArguments("V", "Rest", "float[]", "'Rest' is private to 'Base'"));

    [Fact]
    public Task Usable_initializers_including_inherited_ones_are_not_reported() => Init.AnalyzeAsync("""
        public partial class Base
        {
            [Param] public float[] W = new float[1];
            protected NdArray<float> Zeros() => NdArray<float>.Zeros(1);
        }
        public partial class Neuron : Base
        {
            [ShortTerm(Initializer = nameof(Rest))] public float[] V = new float[1];
            [ShortTerm(Initializer = nameof(Zeros))] public NdArray<float> I = NdArray<float>.Zeros(1);
            [ShortTerm(Initializer = nameof(Count))] public long N;
            float[] Rest() => new float[1];
            int Count() => 0;
        }
        """);
}

public class EmptyModuleTests
{
    [Fact]
    public Task Module_without_children_is_reported() => Module.AnalyzeAsync("""
        [Module]
        public partial class {|CKPT0013:Empty|}
        {
            public int Counter;
            [NotState] public Empty? Self;
        }
        """);

    [Fact]
    public Task Modules_with_children_state_or_inherited_state_are_not_reported() => Module.AnalyzeAsync("""
        public partial class Leaf { [Param] public float[] W = new float[1]; }
        [Module] public partial class Net { public List<Leaf> Layers = new(); }
        [Module] public partial class WithState { [LongTerm] public long Steps; }
        [Module] public partial class Derived : Leaf { }
        """);
}

public class StateOutsideClassTests
{
    [Fact]
    public Task Attributes_in_structs_and_interfaces_are_reported() => Outside.AnalyzeAsync("""
        public struct Point
        {
            [Param] public float {|CKPT0014:X|};
        }
        public record struct Pair([property: Config] int {|#0:Size|});
        public interface IHas
        {
            [LongTerm] float[] {|CKPT0014:Values|} { get; set; }
        }
        """, new DiagnosticResult(Descriptors.StateOutsideClass).WithLocation(0).WithArguments("Size", "record struct", "Pair"));

    [Fact]
    public Task Attributes_in_classes_and_records_are_not_reported() => Outside.AnalyzeAsync("""
        public partial class Layer { [Param] public float[] W = new float[1]; }
        public partial record Rec { [Param] public float[] W { get; set; } = new float[1]; }
        public struct Plain { public float X; }
        """);
}

public class FormerNameCollisionTests
{
    [Fact]
    public Task Former_name_equal_to_another_key_is_reported() => Former.AnalyzeAsync("""
        public partial class Base
        {
            [Param] public float[] Bias = new float[1];
        }
        public partial class Layer : Base
        {
            [{|#0:Param(FormerNames = new[] { "Bias" })|}] public float[] Offset = new float[1];
            [{|CKPT0015:Param(FormerNames = new[] { "Offset" })|}] public float[] W = new float[1];
        }
        """, new DiagnosticResult(Descriptors.FormerNameCollision).WithLocation(0).WithArguments("Offset", "Bias", "Bias"));

    [Fact]
    public Task Former_names_no_longer_in_use_are_not_reported() => Former.AnalyzeAsync("""
        public partial class Layer
        {
            [Param(FormerNames = new[] { "weight", "W" })] public float[] W = new float[1];
            [Param(FormerNames = new[] { "b" })] public float[] Bias = new float[1];
        }
        """);
}

public class FillTests
{
    [Fact]
    public Task Fills_the_type_cannot_hold_are_reported() => Fill.AnalyzeAsync("""
        public enum Small : byte { A }
        public partial class Counters
        {
            [{|CKPT0017:ShortTerm(Fill = -1)|}] public uint Negative;
            [{|CKPT0017:ShortTerm(Fill = 300)|}] public byte TooLarge;
            [{|CKPT0017:ShortTerm(Fill = 0.5)|}] public NdArray<int> Fraction = NdArray<int>.Zeros(2);
            [{|CKPT0017:ShortTerm(Fill = 2)|}] public bool[] Flags = new bool[2];
            [{|CKPT0017:ShortTerm(Fill = -1)|}] public Small Mode;
        }
        """);

    [Fact]
    public Task Fills_that_fit_are_not_reported() => Fill.AnalyzeAsync("""
        public partial class Neuron
        {
            [ShortTerm(Fill = -65.5)] public NdArray<float> V = NdArray<float>.Zeros(2);
            [ShortTerm(Fill = 255)] public byte Max;
            [ShortTerm(Fill = -128)] public sbyte Min;
            [ShortTerm(Fill = 1)] public bool On;
            [ShortTerm(Fill = 1e300)] public double Huge;
            [ShortTerm] public uint Count;
        }
        """);
}
