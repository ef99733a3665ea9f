using System.Collections;
using System.Reflection;
using Checkpoint.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.Generators.Tests;

/// <summary>The pipeline reuses its work after edits that do not change any model, and holds no compiler objects.</summary>
public class CachingTests
{
    private const string Models = """
        using System.Collections.Generic;
        using Checkpoint;
        namespace Demo;
        public partial class Lif
        {
            [ShortTerm(Fill = -65)] public NdArray<float> V = NdArray<float>.Zeros(3);
            [Param] public float Tau = 10f;
            [LongTerm] public long Count;
            [Config] public int Size = 3;
            public float Step(float input) { return input * Tau; }
        }
        [Module]
        public partial class Net
        {
            public List<Lif> Cells = [new()];
        }
        """;

    private static readonly string[] ReusedReasons = ["Cached", "Unchanged"];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compile(Models);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    [Fact]
    public void Rerun_on_the_same_compilation_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var result = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        AssertAllReused(result);
    }

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public class Unrelated { public int X; }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options));
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Changing_a_method_body_in_a_model_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var old = compilation.SyntaxTrees[0];
        var changed = old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Models.Replace("return input * Tau;", "return input * Tau + 1f;"))).GetRoot();
        var edited = compilation.ReplaceSyntaxTree(old, changed.SyntaxTree);
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Adding_a_state_member_changes_the_models_and_regenerates()
    {
        // The control case: proves the assertions above can fail.
        var (driver, compilation) = FirstRun();
        var old = compilation.SyntaxTrees[0];
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(
            Models.Replace("[LongTerm] public long Count;", "[LongTerm] public long Count;\n    [Param] public float Gain;"),
            (CSharpParseOptions)old.Options));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Reason.ToString());
        Assert.Contains("Modified", reasons);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_class_becoming_a_model_updates_the_classes_that_hold_it()
    {
        // Child detection depends on other classes: the holder's output must follow the child's attributes.
        const string holder = "using Checkpoint; namespace Demo; public partial class Holder { [Param] public float X; public Part Child = new(); }";
        var compilation = GeneratorHarness.Compile(holder, "namespace Demo; public partial class Part { public float Y; }");
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain("collector.Child", driver.GetRunResult().GeneratedTrees.Single().ToString());

        var partTree = compilation.SyntaxTrees[1];
        var edited = compilation.ReplaceSyntaxTree(partTree, CSharpSyntaxTree.ParseText(
            "using Checkpoint; namespace Demo; public partial class Part { [Param] public float Y; }", (CSharpParseOptions)partTree.Options));
        var trees = driver.RunGenerators(edited).GetRunResult().GeneratedTrees;
        var holderOutput = trees.Single(t => t.FilePath.EndsWith("Demo.Holder.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("visitor.Child(\"Child\", this.Child);", holderOutput);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_locations_or_compilations()
    {
        var (driver, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();
        var checkedValues = 0;
        foreach (var name in TrackingNames.All)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step '{name}' was not tracked");
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                ForbiddenObjectWalker.AssertClean(output.Value, name);
                checkedValues++;
            }
        }

        Assert.True(checkedValues > 0);
    }

    [Fact]
    public void Forbidden_object_walker_finds_a_symbol_nested_in_a_model()
    {
        // The walker itself must be able to fail.
        var compilation = GeneratorHarness.Compile(Models);
        var symbol = compilation.GetTypeByMetadataName("Demo.Lif")!;
        var nested = new List<object?> { ("text", new object?[] { 1, symbol }) };
        Assert.ThrowsAny<Exception>(() => ForbiddenObjectWalker.AssertClean(nested, "test"));
    }

    private static void AssertAllReused(GeneratorRunResult result)
    {
        foreach (var name in TrackingNames.All)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step '{name}' was not tracked");
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(ReusedReasons.Contains(reason.ToString()), $"step '{name}' output was {reason}");
            }
        }

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}

/// <summary>Walks an object graph (fields, collections, tuples) and fails on any compiler object.</summary>
internal static class ForbiddenObjectWalker
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree)];

    public static void AssertClean(object? value, string step) => Walk(value, step, "value", new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? value, string step, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var type = value.GetType();
        foreach (var forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
                throw new Xunit.Sdk.XunitException($"Step '{step}' holds a {forbidden.Name} at {path} ({type.FullName}).");
        }

        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, step, $"{path}[{i++}]", seen);
            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(field.GetValue(value), step, $"{path}.{field.Name}", seen);
        }
    }
}
