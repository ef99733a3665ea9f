using Microsoft.CodeAnalysis.Testing;
using Conflicts = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.ConflictingAttributesAnalyzer>;
using Config = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.ConfigMisuseAnalyzer>;
using Cycles = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.ChildCycleAnalyzer>;
using Keys = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.DuplicateKeyAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class ConflictingAttributesTests
{
    [Fact]
    public Task Two_kinds_or_NotState_with_a_kind_are_reported() => Conflicts.AnalyzeAsync("""
        public partial class Layer
        {
            [Param][{|CKPT0007:ShortTerm|}] public float[] A = new float[1];
            [Param, {|CKPT0007:NotState|}] public float[] B = new float[1];
            [NotState]
            [{|CKPT0007:Config|}] public int C { get; set; }
            [Config][{|CKPT0007:Param|}] public float Tau { get; set; }
        }
        """);

    [Fact]
    public Task Message_names_both_attributes() => Conflicts.AnalyzeAsync("""
        public partial class Layer
        {
            [LongTerm][{|#0:Param|}] public float[] A = new float[1];
        }
        """, new DiagnosticResult(Descriptors.ConflictingAttributes).WithLocation(0).WithArguments("A", "LongTerm", "Param"));

    [Fact]
    public Task Single_attributes_are_not_reported() => Conflicts.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public float[] A = new float[1];
            [NotState] public float[] B = new float[1];
            [Config] public float Tau { get; set; }
            [System.Obsolete][ShortTerm] public float[] V = new float[1];
        }
        """);
}

public class ConfigMisuseTests
{
    [Fact]
    public Task Unsettable_and_unsupported_config_members_are_reported() => Config.AnalyzeAsync("""
        public partial class Layer
        {
            [Config] public readonly int {|CKPT0008:Size|} = 1;
            [Config] public int {|CKPT0008:Width|} { get; } = 1;
            [Config] public static int {|CKPT0008:Shared|} = 1;
            [Config] public NdArray<float>? {|CKPT0008:Weights|} { get; set; }
            [Config] public List<int> {|CKPT0008:Sizes|} { get; set; } = new();
            [Config] public int[] {|CKPT0008:Widths|} { get; set; } = [];
            [Config] public System.Half {|CKPT0008:Scale|} { get; set; }
        }
        """);

    [Fact]
    public Task Set_only_config_member_is_reported() => Config.AnalyzeAsync("""
        public partial class Layer
        {
            [Config] public int {|#0:Size|} { set { } }
        }
        """, new DiagnosticResult(Descriptors.ConfigMisuse).WithLocation(0)
            .WithArguments("Size", "is a set-only property, so the generated config code leaves it out; add a getter"));

    [Fact]
    public Task Get_only_config_members_a_matching_constructor_sets_are_not_reported() => Config.AnalyzeAsync("""
        public partial class Mlp
        {
            public Mlp(int nInput, int n_hidden) { NInput = nInput; NHidden = n_hidden; }
            public Mlp(int nInput, string unrelated) { NInput = nInput; }
            [Config] public int NInput { get; }
            [Config] public readonly int NHidden;
            [Config] public int {|CKPT0008:NOutput|} { get; }
        }
        """);

    [Fact]
    public Task Settable_supported_config_members_are_not_reported() => Config.AnalyzeAsync("""
        public enum Act { Relu, Tanh }
        public partial class Layer
        {
            [Config] public int Size { get; set; } = 1;
            [Config] public double Tau { get; init; } = 10;
            [Config] public string Name = "";
            [Config] public Act Activation { get; set; }
            [Config] public decimal Rate { get; set; }
            [Config] public ulong Seed { get; set; }
            [Config] public bool Bias;
        }
        """);

    [Fact]
    public Task Readonly_config_fix_removes_readonly() => Config.FixAsync<CodeFixes.MakeWritableFix>("""
        public partial class Layer
        {
            [Config] public readonly int {|CKPT0008:Size|} = 1;
        }
        """, """
        public partial class Layer
        {
            [Config] public int Size = 1;
        }
        """);
}

public class ChildCycleTests
{
    [Fact]
    public Task Self_list_and_mutual_cycles_are_reported() => Cycles.AnalyzeAsync("""
        public partial class Node
        {
            [Param] public float[] W = new float[1];
            public Node? {|CKPT0009:Next|};
            public List<Node> {|CKPT0009:Children|} = new();
        }
        public partial class A
        {
            [Param] public float[] W = new float[1];
            public B? {|CKPT0009:Other|};
        }
        public partial class B
        {
            [Param] public float[] W = new float[1];
            public Dictionary<string, A> {|CKPT0009:Back|} = new();
        }
        """);

    [Fact]
    public Task Trees_of_distinct_types_and_NotState_back_references_are_not_reported() => Cycles.AnalyzeAsync("""
        public partial class Leaf
        {
            [Param] public float[] W = new float[1];
        }
        [Module]
        public partial class Tree
        {
            public List<Leaf> Leaves = new();
            public Leaf[] More = [];
            [NotState] public Tree? Parent;
            public Tree? Computed => Parent;
        }
        public partial class Layer<T> where T : unmanaged
        {
            [Param] public NdArray<T>? W;
            public Leaf Inner = new();
        }
        """);
}

public class DuplicateKeyTests
{
    [Fact]
    public Task Name_override_policy_and_inherited_collisions_are_reported() => Keys.AnalyzeAsync("""
        [StateNaming(NamingPolicy.SnakeCase)]
        public partial class Layer
        {
            [Param] public float[] RunningMean = new float[1];
            [LongTerm(Name = "running_mean")] public float[] {|CKPT0010:Other|} = new float[1];
            [Param] public float[] W = new float[1];
        }
        public partial class Derived : Layer
        {
            // The base's snake_case policy made its W "w"; this class saves as declared.
            [ShortTerm] public float[] W = new float[1];
            [ShortTerm(Name = "w")] public float[] {|CKPT0010:V|} = new float[1];
        }
        public partial class Leaf { [Param] public float[] X = new float[1]; }
        public partial class Holder
        {
            [Param(Name = "leaf")] public float[] Y = new float[1];
            public Leaf {|#0:leaf|} = new();
        }
        """, new DiagnosticResult(Descriptors.DuplicateKey).WithLocation(0).WithArguments("leaf", "leaf", "Y", "Holder"));

    [Fact]
    public Task Distinct_keys_and_empty_Name_are_not_reported() => Keys.AnalyzeAsync(["""
        [StateNaming(NamingPolicy.CamelCase)]
        public partial class Layer
        {
            [Param] public float[] RunningMean = new float[1];
            [Param(Name = "RunningMean")] public float[] Other = new float[1];
            [Param] public float[] Bias = new float[1];
        }
        public partial class Derived : Layer
        {
            [Param] public float[] Extra = new float[1];
        }
        """, """
        public partial class Layer
        {
            [LongTerm] public float[] Steps = new float[1];
        }
        """]);
}
