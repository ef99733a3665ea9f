using Checkpoint.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Checkpoint.Analyzers.Tests;

/// <summary>
/// A compilation that does not reference the Checkpoint runtime gets no analysis at all, even when it declares
/// attributes that look like Checkpoint's: the analyzers stop at compilation start.
/// </summary>
public class RuntimeNotReferencedTests
{
    private const string LookAlikes = """
        namespace Checkpoint
        {
            public sealed class ParamAttribute : System.Attribute { }
            public sealed class ModuleAttribute : System.Attribute { }
            public enum StateKinds { Param = 1, ShortTerm = 4, All = 7 }
        }
        public class Layer
        {
            [Checkpoint.Param] public readonly float[] W = new float[1];
            public float[] Bias = new float[1];
            public object ToStateDict(Checkpoint.StateKinds kinds) => kinds;
            public object Save() => ToStateDict(Checkpoint.StateKinds.All);
        }
        """;

    [Fact]
    public async Task Look_alike_attributes_without_the_runtime_are_not_analysed()
    {
        await WithoutRuntime<Definitions.ModelNotPartialAnalyzer>();
        await WithoutRuntime<Definitions.NotRestorableAnalyzer>();
        await WithoutRuntime<Definitions.UnsavedParameterAnalyzer>();
        await WithoutRuntime<Usage.ShortTermSavedAnalyzer>();
    }

    [Fact]
    public async Task The_same_source_with_the_runtime_is_analysed()
    {
        // The control case: with IStateful in the compilation the same declarations are reported.
        var test = new CSharpAnalyzerTest<Definitions.NotRestorableAnalyzer> { TestCode = LookAlikes.Replace("readonly float[] W", "readonly float[] {|CKPT0005:W|}") };
        test.TestState.Sources.Add("namespace Checkpoint { public interface IStateful { } }");
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        await test.RunAsync();
    }

    private static async Task WithoutRuntime<TAnalyzer>()
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer> { TestCode = LookAlikes };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
        await test.RunAsync();
    }
}
