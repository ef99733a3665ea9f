using System.Collections.Generic;
using System.Collections.Immutable;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators.Pipeline;

/// <summary>
/// The classes that may be models, each once: those with a member marked <c>[Param]</c>, <c>[LongTerm]</c>,
/// <c>[ShortTerm]</c> or <c>[Config]</c>, and those marked <c>[Module]</c>. The attribute triggers only name the
/// class (cheap, whatever the number of attributed members); the class is read once, later, by the collector.
/// </summary>
internal static class ModelClasses
{
    public static IncrementalValueProvider<EquatableArray<ModelClass>> Find(IncrementalGeneratorInitializationContext context)
    {
        var param = OfMembers(context, MetadataNames.ParamAttribute, TrackingNames.ParamMembers);
        var longTerm = OfMembers(context, MetadataNames.LongTermAttribute, TrackingNames.LongTermMembers);
        var shortTerm = OfMembers(context, MetadataNames.ShortTermAttribute, TrackingNames.ShortTermMembers);
        var config = OfMembers(context, MetadataNames.ConfigAttribute, TrackingNames.ConfigMembers);
        var modules = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MetadataNames.ModuleAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, _) => ModelClass.Of((INamedTypeSymbol)ctx.TargetSymbol))
            .WithTrackingName(TrackingNames.ModuleClasses);

        return param.Collect()
            .Combine(longTerm.Collect())
            .Combine(shortTerm.Collect())
            .Combine(config.Collect())
            .Combine(modules.Collect())
            .Select(static (all, _) => Distinct(all.Left.Left.Left.Left, all.Left.Left.Left.Right, all.Left.Left.Right, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.ModelClasses);
    }

    private static IncrementalValuesProvider<ModelClass> OfMembers(
        IncrementalGeneratorInitializationContext context, string attribute, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is VariableDeclaratorSyntax or PropertyDeclarationSyntax,
                static (ctx, _) => ModelClass.Of(ctx.TargetSymbol.ContainingType))
            .WithTrackingName(trackingName);

    // Each class once, in the order first seen (members by attribute, then modules).
    private static EquatableArray<ModelClass> Distinct(params ImmutableArray<ModelClass>[] groups)
    {
        var seen = new HashSet<string>();
        var result = ImmutableArray.CreateBuilder<ModelClass>();
        foreach (var group in groups)
        {
            foreach (var item in group)
            {
                if (seen.Add(item.MetadataName)) result.Add(item);
            }
        }

        return new EquatableArray<ModelClass>(result.ToImmutable());
    }
}
