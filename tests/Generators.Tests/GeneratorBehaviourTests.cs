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
            "visitor.Value<global::Checkpoint.Quantity?>(\"Rate\", global::Checkpoint.StateKinds.Param, ref value, global::Checkpoint.Generated.QuantityCodec.Instance)",
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
}
