using System.Collections.Generic;
using System.Collections.Immutable;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators.Pipeline;

/// <summary>
/// The classes that may be models, each once: class declarations marked <c>[Module]</c> or declaring a field or
/// property marked <c>[Param]</c>, <c>[LongTerm]</c>, <c>[ShortTerm]</c> or <c>[Config]</c>. One syntax trigger
/// keyed by class, whatever the number of attributed members; it reads names only, so it may let through a class
/// whose attribute merely shares a name: the collector, which reads symbols, decides.
/// </summary>
internal static class ModelClasses
{
    public static IncrementalValueProvider<ModelClassSet> Find(IncrementalGeneratorInitializationContext context)
    {
        var declared = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax && AttributeNames.MayDeclareModel((TypeDeclarationSyntax)node),
                static (ctx, _) => ModelClass.Of((TypeDeclarationSyntax)ctx.Node))
            .WithTrackingName(TrackingNames.ModelDeclarations);

        // `global using P = Checkpoint.ParamAttribute;` in one file renames the attribute in every file: classes using
        // such a name are found from the compilation (rare, so only then).
        var globalAliases = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is UsingDirectiveSyntax { Alias: not null } directive
                    && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && AttributeNames.IsCheckpointAttribute(directive.Name),
                static (ctx, _) => ((UsingDirectiveSyntax)ctx.Node).Alias!.Name.Identifier.ValueText)
            .WithTrackingName(TrackingNames.GlobalAliases);

        return declared.Collect()
            .Combine(globalAliases.Collect())
            .Select(static (all, _) => new ModelClassSet(Distinct(all.Left), Distinct(all.Right)))
            .WithTrackingName(TrackingNames.ModelClasses);
    }

    /// <summary>
    /// The classes of the compilation's declarations that use a global alias of a Checkpoint attribute (found only
    /// when such an alias exists), by the same test the trigger applies, with the aliases as attribute names.
    /// </summary>
    public static IEnumerable<ModelClass> UsingGlobalAliases(Compilation compilation, EquatableArray<string> aliases, System.Threading.CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(aliases);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is ClassDeclarationSyntax or RecordDeclarationSyntax && AttributeNames.MayDeclareModel((TypeDeclarationSyntax)node, names))
                    yield return ModelClass.Of((TypeDeclarationSyntax)node);
            }
        }
    }

    // Each class once (a partial class is declared in several places), in the order first seen.
    private static EquatableArray<T> Distinct<T>(ImmutableArray<T> items)
        where T : System.IEquatable<T>
    {
        var seen = new HashSet<T>();
        var result = ImmutableArray.CreateBuilder<T>(items.Length);
        foreach (var item in items)
        {
            if (seen.Add(item)) result.Add(item);
        }

        return new EquatableArray<T>(result.ToImmutable());
    }
}
