using System.Collections;
using System.Reflection;
using Checkpoint.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.Generators.Tests;

/// <summary>
/// The pipeline reuses its work after edits that do not change any model, regenerates only the file of a model
/// that changed, reads each class once, and holds no compiler objects.
/// </summary>
public class CachingTests
{
    // Four files: a model with every member attribute, a second model, a module holding both, and plain code.
    private static readonly string[] Files =
    [
        """
        using Checkpoint;
        namespace Demo;
        // The leaky integrate-and-fire cell.
        public partial class Lif
        {
            [ShortTerm(Fill = -65)] public NdArray<float> V = NdArray<float>.Zeros(3);
            [Param] public float Tau = 10f;
            [LongTerm] public long Count;
            [Config] public int Size = 3;
            public float Step(float input) { return input * Tau; }
        }
        """,
        """
        using Checkpoint;
        namespace Demo;
        public partial class Linear
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2, 2);
            [Param] public NdArray<float> Bias = NdArray<float>.Zeros(2);
        }
        """,
        """
        using System.Collections.Generic;
        using Checkpoint;
        namespace Demo;
        [Module]
        public partial class Net
        {
            public List<Lif> Cells = [new()];
            public Linear Readout = new();
        }
        """,
        """
        namespace Demo;
        public static class Maths
        {
            public static float Twice(float x) { return x * 2; }
        }
        """,
    ];

    private static readonly string[] ReusedReasons = ["Cached", "Unchanged"];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compile(Files);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(3, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    // The compilation with file `index` replaced by its text after `edit`; fails unless the edit changed the text.
    private static CSharpCompilation Edit(CSharpCompilation compilation, int index, Func<string, string> edit)
    {
        var old = compilation.SyntaxTrees[index];
        var text = edit(old.ToString());
        Assert.NotEqual(old.ToString(), text);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
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
    public void Adding_an_unrelated_class_to_a_model_file_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = Edit(compilation, 1, text => text + "\npublic class Helper { public float[] Scratch = new float[2]; }\n");
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Changing_a_method_body_in_a_model_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = Edit(compilation, 0, text => text.Replace("return input * Tau;", "return input * Tau + 1f;"));
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Changing_a_method_body_in_plain_code_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = Edit(compilation, 3, text => text.Replace("return x * 2;", "return x + x;"));
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Editing_a_comment_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = Edit(compilation, 0, text => text.Replace("// The leaky integrate-and-fire cell.", "// The LIF cell: membrane potential V."));
        AssertAllReused(driver.RunGenerators(edited).GetRunResult().Results.Single());
    }

    [Fact]
    public void Editing_one_model_regenerates_only_its_file()
    {
        var (driver, compilation) = FirstRun();
        var before = Sources(driver);
        var edited = Edit(compilation, 1, text => text.Replace("[Param] public NdArray<float> Bias", "[Param(Name = \"b\")] public NdArray<float> Bias"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToArray();
        var modified = models.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ((Model.ModelSpec)o.Value).HintName);
        Assert.Equal(new[] { "Demo.Linear.g.cs" }, modified);
        Assert.All(models.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Contains(o.Reason.ToString(), ReusedReasons));

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(2, outputs.Count(o => o.Reason == IncrementalStepRunReason.Cached));

        var after = Sources(driver);
        Assert.Equal(new[] { "Demo.Linear.g.cs" }, before.Keys.Where(hint => before[hint] != after[hint]));
        Assert.Contains("(\"b\", global::Checkpoint.StateKinds.", after["Demo.Linear.g.cs"]);
    }

    [Fact]
    public void Adding_a_state_member_changes_the_models_and_regenerates()
    {
        // The control case: proves the assertions above can fail.
        var (driver, compilation) = FirstRun();
        var edited = Edit(compilation, 0, text => text.Replace("[LongTerm] public long Count;", "[LongTerm] public long Count;\n    [Param] public float Gain;"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Reason.ToString());
        Assert.Contains("Modified", reasons);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Each_class_is_named_once_whatever_its_number_of_attributed_members()
    {
        var (driver, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();
        // Lif has four attributed members (one per attribute), Linear two, Net is a [Module]: each class once.
        var declarations = result.TrackedSteps[TrackingNames.ModelDeclarations].SelectMany(s => s.Outputs).Count();
        Assert.Equal(3, declarations);
        var classes = result.TrackedSteps[TrackingNames.ModelClasses].SelectMany(s => s.Outputs)
            .Select(o => ((Pipeline.ModelClassSet)o.Value).Classes).Single();
        Assert.Equal(new[] { "Demo.Lif", "Demo.Linear", "Demo.Net" }, classes.Select(c => c.MetadataName).Order());
    }

    [Fact]
    public void Classes_using_aliases_of_the_attributes_are_models_and_stay_cached()
    {
        const string aliases = "global using GlobalParam = Checkpoint.ParamAttribute;";
        const string models = """
            using LocalState = Checkpoint.LongTermAttribute;
            namespace Demo;
            public partial class ByGlobalAlias { [GlobalParam] public float Gain; public float Twice() { return Gain * 2; } }
            public partial class ByLocalAlias { [LocalState] public long Steps; }
            """;
        var compilation = GeneratorHarness.Compile(aliases, models);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var sources = Sources(driver);
        Assert.Contains("(\"Gain\", global::Checkpoint.StateKinds.Param", sources["Demo.ByGlobalAlias.g.cs"]);
        Assert.Contains("(\"Steps\", global::Checkpoint.StateKinds.LongTerm", sources["Demo.ByLocalAlias.g.cs"]);

        var edited = Edit(compilation, 1, text => text.Replace("return Gain * 2;", "return Gain + Gain;"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.True(result.TrackedSteps.ContainsKey(TrackingNames.GlobalAliases));
        AssertAllReused(result, outputCount: 2);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void Nothing_is_generated_without_the_runtime(bool declareStateful, int expectedFiles)
    {
        // Attributes that look like Checkpoint's, without the runtime: the collector finds no Checkpoint.IStateful and
        // does nothing. The control case declares IStateful too, which is all it takes to generate.
        var source = """
            namespace Checkpoint { public sealed class ParamAttribute : System.Attribute { } }
            namespace Demo { public partial class Lif { [Checkpoint.Param] public float Tau; } }
            """ + (declareStateful ? "namespace Checkpoint { public interface IStateful { } }" : "");
        var compilation = CSharpCompilation.Create(
            "NoRuntime",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Equal(expectedFiles, result.GeneratedSources.Length);
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
            if (OptionalSteps.Contains(name) && !result.TrackedSteps.ContainsKey(name)) continue;
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
        var compilation = GeneratorHarness.Compile(Files);
        var symbol = compilation.GetTypeByMetadataName("Demo.Lif")!;
        var nested = new List<object?> { ("text", new object?[] { 1, symbol }) };
        Assert.ThrowsAny<Exception>(() => ForbiddenObjectWalker.AssertClean(nested, "test"));
    }

    private static Dictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    // Steps that record nothing when they find nothing (no global alias in most sources).
    private static readonly string[] OptionalSteps = [TrackingNames.GlobalAliases];

    private static void AssertAllReused(GeneratorRunResult result, int outputCount = 3)
    {
        foreach (var name in TrackingNames.All)
        {
            if (OptionalSteps.Contains(name) && !result.TrackedSteps.ContainsKey(name)) continue;
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step '{name}' was not tracked");
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(ReusedReasons.Contains(reason.ToString()), $"step '{name}' output was {reason}");
            }
        }

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(outputCount, outputs.Length);
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
