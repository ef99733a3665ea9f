using Checkpoint.Generators.Model;
using Checkpoint.Generators.Tests.Infrastructure;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Tests;

/// <summary>
/// The shared collector: what the generator leaves out of a model always comes with a problem that names the
/// member (the analyzers report it), and the rest of the model is still generated.
/// </summary>
public class CollectorTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Checkpoint;
        namespace Demo
        {
            public interface IHasWeights { float[] Weights { get; set; } }
            public partial class Base
            {
                [Param] public float Gain;
                private float[] Rest() => new float[1];
            }
            public partial class Mixed : Base, IHasWeights
            {
                [Param] public NdArray<float> Kept = NdArray<float>.Zeros(2);
                [Param] public readonly NdArray<float> ReadOnlyField = NdArray<float>.Zeros(1);
                [Param] public NdArray<float> GetOnly { get; } = NdArray<float>.Zeros(1);
                [Param] public NdArray<float> InitOnly { get; init; } = NdArray<float>.Zeros(1);
                [Param] public static float Static;
                [Param] public const float Constant = 1;
                [Param] public float SetOnly { set { } }
                [Param] float[] IHasWeights.Weights { get; set; } = [];
                [Param] public float this[int i] { get => 0; set { } }
                [Param] public List<float> Unsupported = new();
                [Param] public System.Numerics.Tensors.Tensor<float> PlatformTensor = System.Numerics.Tensors.Tensor.Create(new float[2], [2]);
                [Param] public System.Numerics.Tensors.Tensor<decimal> Platform = null!;
                [Param] public decimal Money;
                [Param, NotState] public float Excluded;
                [ShortTerm(Fill = -1)] public uint Negative;
                [ShortTerm(Initializer = "Rest")] public float[] FromBase = new float[1];
                [Config] public object? Anything { get; set; }
                [Config] public int SetOnlyConfig { set { } }
                public float[] Unsaved = new float[1];
            }
            public partial class Layer<T>
            {
                [Param] public NdArray<float> Kept = NdArray<float>.Zeros(2);
                [Param] public T[] Values = [];
            }
        }
        """;

    private static (ModelCollector Collector, INamedTypeSymbol Type) Collector(string metadataName)
    {
        var compilation = GeneratorHarness.Compile(Source);
        var context = CollectorContext.Create(compilation) ?? throw new InvalidOperationException("the runtime is referenced");
        return (new ModelCollector(context), compilation.GetTypeByMetadataName(metadataName)!);
    }

    [Theory]
    [InlineData("Demo.Mixed")]
    [InlineData("Demo.Layer`1")]
    public void Every_member_the_generator_leaves_out_has_a_problem_naming_it(string metadataName)
    {
        var (collector, type) = Collector(metadataName);
        var collected = collector.Collect(type, CancellationToken.None);
        var spec = collected.Spec ?? throw new Xunit.Sdk.XunitException("the model is generated");
        var named = collected.Problems.Select(p => p.Site.MemberName).ToHashSet();
        var leftOut = LeftOut(type, spec, collector.Context).ToList();

        Assert.NotEmpty(leftOut);
        Assert.All(leftOut, member => Assert.True(named.Contains(member), $"'{member}' is left out without a problem"));
    }

    [Fact]
    public void The_left_out_members_and_their_rules_are_the_expected_ones()
    {
        var (collector, type) = Collector("Demo.Mixed");
        var problems = collector.Collect(type, CancellationToken.None).Problems;
        string Rule(string member) => string.Join(",", problems.Where(p => p.Site.MemberName == member).Select(p => p.RuleId).Order());

        foreach (var member in new[] { "ReadOnlyField", "GetOnly", "InitOnly", "Static", "Constant", "SetOnly", "Demo.IHasWeights.Weights", "this[]" })
            Assert.Equal(RuleIds.NotRestorable, Rule(member));
        foreach (var member in new[] { "Unsupported", "Platform", "Money" })
            Assert.Equal(RuleIds.UnsupportedStateType, Rule(member));
        Assert.Equal(RuleIds.ConflictingAttributes, Rule("Excluded"));
        Assert.Equal(RuleIds.FillDoesNotFit, Rule("Negative"));
        Assert.Equal(RuleIds.InvalidInitializer, Rule("FromBase"));
        Assert.Equal(RuleIds.ConfigMisuse, Rule("Anything"));
        Assert.Equal(RuleIds.ConfigMisuse, Rule("SetOnlyConfig"));
        Assert.Equal(RuleIds.UnsavedParameter, Rule("Unsaved"));
        Assert.Equal("", Rule("Kept"));
        Assert.Equal("", Rule("PlatformTensor"));

        // Every library has a type named Tensor: the message names the type in full.
        Assert.Equal(new[] { "Platform", "System.Numerics.Tensors.Tensor<decimal>" },
            problems.Single(p => p.Site.MemberName == "Platform").Arguments);
        Assert.Equal("'Rest' is private to 'Base'", problems.Single(p => p.Site.MemberName == "FromBase").Arguments[3]);
    }

    [Fact]
    public void The_generator_and_the_analyzers_get_the_same_spec()
    {
        var (collector, type) = Collector("Demo.Mixed");
        Assert.Equal(collector.Collect(type, CancellationToken.None).Spec, collector.CollectSpec(type, CancellationToken.None));
        Assert.Equal(collector.Collect(type, CancellationToken.None).Problems, collector.CollectProblems(type, CancellationToken.None));
    }

    [Fact]
    public void A_model_with_members_left_out_still_gets_code_for_the_rest()
    {
        var output = GeneratorHarness.Run(Source).AssertCompiles();
        var mixed = output.File("Demo.Mixed.g.cs").Text;
        Assert.Contains("(\"Kept\", global::Checkpoint.StateKinds.", mixed);
        Assert.Contains("(\"Negative\", global::Checkpoint.StateKinds.", mixed);
        Assert.Contains("(\"FromBase\", global::Checkpoint.StateKinds.", mixed);
        Assert.Contains("(\"PlatformTensor\", global::Checkpoint.StateKinds.", mixed);
        foreach (var leftOut in new[] { "ReadOnlyField", "GetOnly", "InitOnly", "Static", "Constant", "SetOnly", "Weights", "Unsupported", "Platform", "Money", "Excluded", "Anything", "Unsaved" })
            Assert.DoesNotContain($"\"{leftOut}\"", mixed);
        Assert.Contains("(\"Kept\", global::Checkpoint.StateKinds.", output.File("Demo.Layer`1.g.cs").Text);
        Assert.DoesNotContain("Values", output.File("Demo.Layer`1.g.cs").Text);
    }

    // Members declared with a Checkpoint attribute that the spec does not save, reset or put in the config record,
    // and unattributed members that look learnable.
    private static IEnumerable<string> LeftOut(INamedTypeSymbol type, ModelSpec spec, CollectorContext context)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol)) continue;
            var attributes = MemberAttributes.Read(member, context.Symbols);
            var inSpec = spec.Members.FirstOrDefault(m => m.Name == SymbolNames.Identifier(member.Name));
            if (attributes.Role is { Kind: MemberAttributeKind.Config })
            {
                if (spec.Config?.Members.Any(m => m.Name == SymbolNames.Identifier(member.Name)) != true) yield return member.Name;
            }
            else if (attributes.Any)
            {
                if (inSpec is null || inSpec.Reset.Mode == ResetMode.None) yield return member.Name;
            }
            else if (inSpec is null && member is IFieldSymbol { Type: IArrayTypeSymbol })
            {
                yield return member.Name;
            }
        }
    }
}
