using Microsoft.CodeAnalysis.Testing;
using V = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.NotRestorableAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class NotRestorableTests
{
    [Fact]
    public Task Readonly_getonly_static_and_const_state_are_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public readonly NdArray<float> {|CKPT0005:Weight|} = NdArray<float>.Zeros(2);
            [LongTerm] public NdArray<float> {|CKPT0005:Mean|} { get; } = NdArray<float>.Zeros(2);
            [ShortTerm] public static float[] {|CKPT0005:Shared|} = new float[2];
            [Param] public const float {|CKPT0005:Gain|} = 1;
            [Param] public float[] {|CKPT0005:Computed|} => new float[2];
            [ShortTerm] public float[] {|CKPT0005:Initialised|} { get; init; } = new float[2];
        }
        """);

    [Fact]
    public Task Set_only_indexer_and_explicit_interface_state_are_reported() => V.AnalyzeAsync("""
        public interface IHasWeights { float[] Weights { get; set; } }
        public partial class Layer : IHasWeights
        {
            [Param] public float {|#0:SetOnly|} { set { } }
            [Param] public float {|CKPT0005:this|}[int i] { get => 0; set { } }
            [Param] float[] IHasWeights.{|CKPT0005:Weights|} { get; set; } = [];
        }
        """, new DiagnosticResult(Descriptors.NotRestorable).WithLocation(0).WithArguments("SetOnly", "a set-only property", "add a getter"));

    [Fact]
    public Task Message_says_what_to_do() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public readonly float[] {|#0:Weight|} = new float[2];
        }
        """, new DiagnosticResult(Descriptors.NotRestorable).WithLocation(0).WithArguments("Weight", "readonly", "remove 'readonly'"));

    [Fact]
    public Task Writable_state_is_not_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            [LongTerm] public NdArray<float> Mean { get; private set; } = NdArray<float>.Zeros(2);
            [ShortTerm] public float[] V { get; set; } = new float[2];
            public readonly float[] NotState = new float[2];
        }
        """);

    [Fact]
    public Task Fixes_remove_readonly_and_static_and_add_setter() => V.FixAsync<CodeFixes.MakeWritableFix>("""
        public partial class Layer
        {
            [Param] public readonly NdArray<float> {|CKPT0005:Weight|} = NdArray<float>.Zeros(2);
            [LongTerm] public NdArray<float> {|CKPT0005:Mean|} { get; } = NdArray<float>.Zeros(2);
            [ShortTerm]
            static float[] {|CKPT0005:Trace|} = new float[2];
            [ShortTerm] public float[] {|CKPT0005:V|} { get; init; } = new float[2];
        }
        """, """
        public partial class Layer
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
            [LongTerm] public NdArray<float> Mean { get; set; } = NdArray<float>.Zeros(2);
            [ShortTerm]
            float[] Trace = new float[2];
            [ShortTerm] public float[] V { get; set; } = new float[2];
        }
        """);
}
