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
    public void Quantity_members_use_the_quantity_accessor()
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
            "collector.Add(\"Rate\", global::Checkpoint.StateKinds.Param, new global::Checkpoint.QuantityAccessor(() => this.Rate, v => this.Rate = v));",
            output.File("Demo.Synapse.g.cs").Text);
    }

    [Fact]
    public void Quantity_members_compile_against_the_runtime_when_it_has_quantities()
    {
        // Runs fully once the runtime defines Checkpoint.Quantity and QuantityAccessor.
        if (typeof(IStateful).Assembly.GetType("Checkpoint.QuantityAccessor") is null) return;
        var output = GeneratorHarness.Run("""
            using Checkpoint;
            namespace Demo;
            public partial class Synapse { [Param] public Quantity Rate; }
            """).AssertCompiles();
        Assert.Contains("QuantityAccessor", output.File("Demo.Synapse.g.cs").Text);
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
