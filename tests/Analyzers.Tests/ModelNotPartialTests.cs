using Microsoft.CodeAnalysis.Testing;
using V = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.ModelNotPartialAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class ModelNotPartialTests
{
    [Fact]
    public Task Model_and_module_without_partial_are_reported() => V.AnalyzeAsync("""
        public class {|CKPT0004:Layer|}
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
        }
        [Module]
        public sealed class {|CKPT0004:Net|}
        {
            public Layer First = new();
        }
        public class {|CKPT0004:Settings|}
        {
            [Config] public int Size { get; set; }
        }
        """);

    [Fact]
    public Task Containing_type_without_partial_is_named() => V.AnalyzeAsync("""
        public class Outer
        {
            public partial class {|#0:Inner|}
            {
                [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            }
        }
        """, new DiagnosticResult(Descriptors.ModelNotPartial).WithLocation(0).WithArguments("Outer.Inner", "'Outer'")
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task Partial_models_split_files_and_plain_classes_are_not_reported() => V.AnalyzeAsync(["""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
        }
        public partial class Outer
        {
            public partial class Inner { [LongTerm] public long Steps; }
        }
        public class Plain { public NdArray<float> Data = NdArray<float>.Zeros(1); }
        public class Derived : Layer { }
        """, """
        public partial class Layer
        {
            [Param] public NdArray<float> Bias = NdArray<float>.Zeros(2);
        }
        """]);

    [Fact]
    public Task Fix_adds_partial_to_model_and_containers() => V.FixAsync<CodeFixes.MakePartialFix>("""
        public class Outer
        {
            internal class {|CKPT0004:Inner|}
            {
                [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            }
        }
        class {|CKPT0004:Bare|}
        {
            [Param] public float Gain;
        }
        """, """
        public partial class Outer
        {
            internal partial class Inner
            {
                [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            }
        }
        partial class Bare
        {
            [Param] public float Gain;
        }
        """);
}
