using System.Runtime.CompilerServices;
using Checkpoint.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.Generators.Tests;

/// <summary>
/// The configuration records and <c>GetConfig</c>/<c>FromConfig</c> written for <c>[Config]</c> members, compared with
/// reviewed snapshots; each case also compiles the output with the user's sources and MessagePack.Annotations.
/// </summary>
public class ConfigSnapshotTests
{
    private static GeneratorOutput RunWithMessagePack(string source)
    {
        var compilation = GeneratorHarness.Compile(source)
            .AddReferences(MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackObjectAttribute).Assembly.Location));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var diagnostics);
        var files = driver.GetRunResult().Results.Single().GeneratedSources
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .ToArray();
        return new GeneratorOutput(files, diagnostics, updated);
    }

    private static void VerifyGenerated(string source, [CallerMemberName] string name = "", [CallerFilePath] string file = "")
    {
        var output = RunWithMessagePack(source).AssertCompiles();
        Snapshot.Verify(output.Combined(), name, file);
    }

    [Fact]
    public void ConfigFromConstructor() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        [StateNaming(NamingPolicy.SnakeCase)]
        public partial class SimpleNet
        {
            public SimpleNet(int nInput, int nHidden, int nOutput = 10)
            {
                NInput = nInput; NHidden = nHidden; NOutput = nOutput;
                Weight = NdArray<float>.Zeros(nInput, nHidden);
            }
            [Config] public int NInput { get; }
            [Config] public int NHidden { get; }
            [Config] public int NOutput { get; }
            [Config(Name = "V_rest")] public double VRest { get; set; } = -65.0;
            [Param] public NdArray<float> Weight { get; set; }
        }
        """);

    [Fact]
    public void ConfigWithParameterlessConstructor() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        public enum Activation { Relu, Tanh }
        public partial class Lif
        {
            [Config] public int Size = 100;
            [Config] public float Tau = 10f;
            [Config] public bool Adaptive;
            [Config] public string Label = "lif";
            [Config] public string? Note;
            [Config] public Activation Activation = Activation.Tanh;
            [Config] public int[] Unsupported = [1, 2];
            [ShortTerm] public NdArray<float>? V;
        }
        """);

    [Fact]
    public void ConfigWithoutUsableConstructor() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        internal partial class Readout
        {
            public Readout(int size, string unrelated) { Size = size; }
            [Config] public int Size;
        }
        """);

    [Fact]
    public void ConfigAccessibility() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        internal enum Mode { Fast, Exact }
        internal partial class InternalCell
        {
            [Config] public int Size = 2;
            [Config] public int map = 1;
            [Config] public int reader = 2;
            [Config(Name = "class")] public int @class = 3;
        }
        public partial class PublicCell
        {
            [Config] internal Mode Mode = Mode.Exact;
            [Config] public int Size = 2;
        }
        """);

    [Fact]
    public void Generic_and_derived_models_get_no_config_record()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public partial class Layer<T> where T : unmanaged { [Config] public int Size; [Param] public NdArray<T>? W; }
            public partial class Base { [Config] public int Size; }
            public partial class Derived : Base { [Config] public int Extra; }
            """).AssertCompiles();
        Assert.DoesNotContain("LayerConfig", output.Combined());
        Assert.DoesNotContain("DerivedConfig", output.Combined());
        Assert.Contains("record BaseConfig", output.Combined());
    }

    [Fact]
    public void Config_output_is_cached_across_unrelated_edits_and_follows_a_changed_default()
    {
        const string source = """
            using Checkpoint;
            namespace Demo;
            public partial class Cell
            {
                [Config] public int Size = 3;
                [Param] public float Gain;
                public float Twice() { return Gain * 2; }
            }
            """;
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var options = (CSharpParseOptions)compilation.SyntaxTrees[0].Options;

        var bodyEdit = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0],
            CSharpSyntaxTree.ParseText(source.Replace("Gain * 2", "Gain * 3"), options));
        var reused = driver.RunGenerators(bodyEdit).GetRunResult().Results.Single();
        Assert.All(reused.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason.ToString(), new[] { "Cached", "Unchanged" }));

        var defaultEdit = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0],
            CSharpSyntaxTree.ParseText(source.Replace("Size = 3", "Size = 4"), options));
        var changed = driver.RunGenerators(defaultEdit).GetRunResult();
        Assert.Contains(changed.Results.Single().TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("public int Size { get; init; } = 4;", changed.GeneratedTrees.Single().ToString());
    }
}
