using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Checkpoint.Analyzers.Tests.Verifiers;

/// <summary>
/// References for test compilations, all offline: the .NET 8 reference assemblies embedded in
/// Basic.Reference.Assemblies and the Checkpoint runtime this test project was built with.
/// </summary>
internal static class TestReferences
{
    /// <summary>
    /// A reference-assembly set with no NuGet package: <see cref="ReferenceAssemblies.Default"/> would download
    /// packages, which cannot happen here; with no package and no assemblies the resolver returns nothing offline.
    /// </summary>
    public static ReferenceAssemblies NoDownload { get; } = new("net8.0");

    public static ImmutableArray<MetadataReference> All { get; } =
        [.. Basic.Reference.Assemblies.Net80.References.All, MetadataReference.CreateFromFile(typeof(IStateful).Assembly.Location),
            MetadataReference.CreateFromFile(NumericsTensorsNet80)];

    // The net8.0 build of System.Numerics.Tensors, as a user's project compiles against it (recorded by the project file).
    private static string NumericsTensorsNet80 =>
        typeof(TestReferences).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NumericsTensorsNet80").Value!;
}
