using Checkpoint.Analyzers.Tests.Verifiers;

namespace Checkpoint.Analyzers.Tests;

/// <summary>Fixes in files without <c>using Checkpoint;</c> must write names that still compile.</summary>
public class QualifiedNameFixTests
{
    [Fact]
    public async Task Attribute_and_kinds_are_qualified_without_a_using()
    {
        var attributeTest = new CSharpCodeFixTest<Definitions.UnsavedParameterAnalyzer, CodeFixes.AddStateAttributeFix>
        {
            TestCode = """
                public partial class Layer
                {
                    [Checkpoint.Param] public float[] W = new float[1];
                    public float[] {|CKPT0001:B|} = new float[1];
                }
                """,
            FixedCode = """
                public partial class Layer
                {
                    [Checkpoint.Param] public float[] W = new float[1];
                    [Checkpoint.Param]
                    public float[] B = new float[1];
                }
                """,
        };
        await attributeTest.RunAsync();

        var kindsTest = new CSharpCodeFixTest<Usage.ShortTermSavedAnalyzer, CodeFixes.ReplaceWithPersistentFix>
        {
            TestCode = """
                public static class Saver
                {
                    public static void Run(Checkpoint.IStateful net) => net.ToStateDict({|CKPT0002:Checkpoint.StateKinds.All|});
                }
                """,
            FixedCode = """
                public static class Saver
                {
                    public static void Run(Checkpoint.IStateful net) => net.ToStateDict(Checkpoint.StateKinds.Persistent);
                }
                """,
        };
        await kindsTest.RunAsync();
    }
}
