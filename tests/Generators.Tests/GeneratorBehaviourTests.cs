using Checkpoint.Generators.Tests.Infrastructure;

namespace Checkpoint.Generators.Tests;

/// <summary>What the generator leaves alone, and types it recognises by name before the runtime has them.</summary>
public class GeneratorBehaviourTests
{
    [Fact]
    public void Non_partial_and_non_model_classes_get_nothing_and_no_diagnostic()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public class NotPartial { [Param] public float X; }
            public partial class NoState { public float X; }
            public class Outer { public partial class Inner { [Param] public float X; } }
            public partial struct Value { [Param] public float X; }
            """);
        Assert.Empty(output.Files);
        Assert.Empty(output.GeneratorDiagnostics);
    }

    [Fact]
    public void Quantity_members_use_the_quantity_codec()
    {
        // A stand-in for the runtime's Quantity: the generator matches it by metadata name.
        var output = GeneratorHarness.Run("""
            namespace Checkpoint { public readonly struct Quantity { } }
            namespace Demo
            {
                using Checkpoint;
                public partial class Synapse { [Param] public Quantity Rate; }
            }
            """);
        Assert.Contains(
            "visitor.Value<global::Checkpoint.Quantity?>(\"Rate\", global::Checkpoint.StateKinds.Param, ref this.Rate!, global::Checkpoint.Generated.QuantityCodec.Instance)",
            output.File("Demo.Synapse.g.cs").Text);
    }

    [Fact]
    public void Quantity_members_compile_against_the_runtime()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public partial class Synapse { [Param] public Quantity Rate; }
            """).AssertCompiles();
        Assert.Contains("QuantityCodec", output.File("Demo.Synapse.g.cs").Text);
    }

    [Fact]
    public void Fills_the_member_type_cannot_hold_are_left_out_of_reset_and_still_compile()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public enum Small : byte { A }
            public partial class Counters
            {
                [ShortTerm(Fill = -1)] public uint Negative;
                [ShortTerm(Fill = 300)] public byte TooLarge;
                [ShortTerm(Fill = 0.5)] public int Fraction;
                [ShortTerm(Fill = -1)] public Small Enum;
                [ShortTerm(Fill = -1)] public NdArray<uint> Elements = NdArray<uint>.Zeros(2);
                [ShortTerm(Fill = 7)] public byte Fits;
                [ShortTerm(Fill = -65.5)] public float Real;
            }
            """).AssertCompiles();
        var generated = output.File("Demo.Counters.g.cs").Text;
        var text = generated[generated.IndexOf("void ResetStateCore()", StringComparison.Ordinal)..];
        foreach (var skipped in new[] { "this.Negative =", "this.TooLarge =", "this.Fraction =", "this.Enum =", "Fill(this.Elements" })
            Assert.DoesNotContain(skipped, text);
        Assert.Contains("this.Fits = (byte)(7d);", text);
        Assert.Contains("this.Real = (float)(-65.5d);", text);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        const string source = """
            using Checkpoint;
            namespace Demo;
            public partial class A { [Param] public float X; public B Child = new(); }
            public partial class B { [LongTerm] public int Y; }
            """;
        Assert.Equal(GeneratorHarness.Run(source).Combined(), GeneratorHarness.Run(source).Combined());
    }

    [Fact]
    public void Models_collected_on_all_cores_give_the_files_one_thread_gives_in_the_same_order()
    {
        // Enough classes for the parallel collection (Pipeline/ModelSpecs); each has a base, a child and a list of
        // another class's model, so the collector's shared caches are read and filled from several threads; the last
        // two share a hint name, which is numbered in collection order.
        const int count = 150;
        var sources = Enumerable.Range(0, count).Select(i => $$"""
            using Checkpoint;
            namespace Demo;
            public partial class Leaf{{i}} { [Param] public float W; [Config] public int Size { get; set; } = {{i}}; }
            public partial class Node{{i}} : Leaf{{i}}
            {
                public Leaf{{i}} Child = new();
                public System.Collections.Generic.List<Leaf{{(i + 1) % count}}> Others = new();
                [LongTerm] public long Steps;
            }
            """).Append("""
            using Checkpoint;
            namespace Demo.Outer { public partial class Inner { [Param] public float X; } }
            namespace Demo { public partial class Outer { public partial class Inner { [Param] public float Y; } } }
            """).ToArray();
        var compilation = GeneratorHarness.Compile(sources);
        Assert.True(compilation.Options.ConcurrentBuild);

        var parallel = GeneratedFiles(compilation);
        var oneThread = GeneratedFiles(compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));

        Assert.Equal(2 * count + 2, parallel.Length);
        Assert.Equal(oneThread, parallel);

        static (string HintName, string Text)[] GeneratedFiles(Microsoft.CodeAnalysis.Compilation compilation)
        {
            var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToArray();
        }
    }

    [Fact]
    public void Platform_tensors_are_recognised_by_metadata_name_under_any_alias_and_use_the_numerics_codec()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            using Platform = System.Numerics.Tensors;
            using Matrix = System.Numerics.Tensors.Tensor<double>;
            namespace Demo;
            public partial class Layer
            {
                [Param] public Platform.Tensor<float>? A;
                [Param] public Matrix? B;
                [Param] public global::System.Numerics.Tensors.Tensor<System.Half>? C;
            }
            """).AssertCompiles();
        var text = output.File("Demo.Layer.g.cs").Text;

        Assert.Contains("visitor.Value<global::System.Numerics.Tensors.Tensor<float>?>(\"A\", global::Checkpoint.StateKinds.Param, ref this.A!, global::Checkpoint.Generated.NumericsTensorCodec<float>.Instance)", text);
        Assert.Contains("global::Checkpoint.Generated.NumericsTensorCodec<double>.Instance", text);
        Assert.Contains("global::Checkpoint.Generated.NumericsTensorCodec<global::System.Half>.Instance", text);
    }

    [Fact]
    public void Another_library_tensor_of_the_same_name_is_left_out_with_a_problem_naming_it_in_full()
    {
        const string source = """
            using Checkpoint;
            namespace Microsoft.ML.OnnxRuntime.Tensors { public class Tensor<T> { } }
            namespace Demo
            {
                public partial class Layer
                {
                    [Param] public Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> Onnx = new();
                    [Param] public System.Numerics.Tensors.Tensor<decimal>? Money;
                    [Param] public float Kept;
                }
            }
            """;
        var output = GeneratorHarness.Run(source).AssertCompiles();
        var text = output.File("Demo.Layer.g.cs").Text;
        Assert.Contains("\"Kept\"", text);
        Assert.DoesNotContain("Onnx", text);
        Assert.DoesNotContain("Money", text);

        var context = Checkpoint.SourceRules.CollectorContext.Create(output.Compilation)!;
        var problems = new Checkpoint.SourceRules.ModelCollector(context)
            .Collect(output.Compilation.GetTypeByMetadataName("Demo.Layer")!, CancellationToken.None).Problems;
        Assert.Equal(
            new[] { "Microsoft.ML.OnnxRuntime.Tensors.Tensor<float>", "System.Numerics.Tensors.Tensor<decimal>?" },
            problems.Where(p => p.RuleId == Checkpoint.SourceRules.RuleIds.UnsupportedStateType).Select(p => p.Arguments[1]).Order().ToArray());
    }

    [Fact]
    public void Foreign_tensors_that_can_create_themselves_get_a_creating_codec_once_per_model()
    {
        const string usings = "using System;\nusing System.Collections.Generic;\nusing Checkpoint;\n";
        var output = GeneratorHarness.Run(usings + TensorSources.ForeignTensorTypes, """
            using Checkpoint;
            namespace Demo;
            public partial class Layer
            {
                [Param] public Paged? Creatable;
                [Param] public INdArray? Seam;
            }
            """).AssertCompiles();
        var text = output.File("Demo.Layer.g.cs").Text;

        Assert.Contains("private static readonly global::Checkpoint.Generated.ForeignTensorCodec<global::Demo.Paged> __CheckpointCodec_Creatable = global::Checkpoint.Generated.ForeignTensorCodec.Creating<global::Demo.Paged>();", text);
        Assert.Contains("ref this.Creatable!, __CheckpointCodec_Creatable)", text);
        Assert.Contains("ref this.Seam!, global::Checkpoint.Generated.ForeignTensorCodec<global::Checkpoint.INdArray>.Instance)", text);
    }

    [Fact]
    public void Writable_fields_go_to_the_visitor_by_reference_and_properties_and_volatile_fields_through_a_local()
    {
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public partial class Layer
            {
                [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
                [LongTerm] public long Steps;
                [Param] public NdArray<float>? Bias { get; set; }
                [LongTerm] public volatile int Flag;
            }
            """).AssertCompiles();
        var text = output.File("Demo.Layer.g.cs").Text;

        // One statement per field; a volatile field by reference would lose its volatility (CS0420), and a property
        // has no storage to refer to.
        Assert.Contains("ref this.Weight!, global::Checkpoint.Generated.NdArrayCodec<float>.Instance);", text);
        Assert.Contains("ref this.Steps, global::Checkpoint.Generated.ScalarCodec<long>.Instance);", text);
        Assert.Contains("ref value, global::Checkpoint.Generated.NdArrayCodec<float>.Instance)) this.Bias = value!;", text);
        Assert.Contains("ref value, global::Checkpoint.Generated.ScalarCodec<int>.Instance)) this.Flag = value;", text);
    }
}
