using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Checkpoint.Generators.Emitting;
using Checkpoint.Generators.Model;
using Checkpoint.Generators.Parsing;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators;

/// <summary>
/// Implements <c>Checkpoint.IStateful</c> for every partial class with state attributes or <c>[Module]</c>:
/// one generated file per model. This file is the pipeline only; see Parsing, Model and Emitting.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every attributed member yields the spec of its class; a class with several members yields it
        // several times, deduplicated below. Specs are plain values, so unchanged ones are cached.
        var param = ModelsOfMembers(context, StateTypeRules.ParamAttribute, TrackingNames.ParamMembers);
        var longTerm = ModelsOfMembers(context, StateTypeRules.LongTermAttribute, TrackingNames.LongTermMembers);
        var shortTerm = ModelsOfMembers(context, StateTypeRules.ShortTermAttribute, TrackingNames.ShortTermMembers);
        var config = ModelsOfMembers(context, StateTypeRules.ConfigAttribute, TrackingNames.ConfigMembers);
        var modules = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                StateTypeRules.ModuleAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => ParseModel(ctx.TargetSymbol as INamedTypeSymbol, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.ModuleClasses);

        var all = Collect(param)
            .Combine(Collect(longTerm)).Select(static (pair, _) => Concat(pair.Left, pair.Right))
            .Combine(Collect(shortTerm)).Select(static (pair, _) => Concat(pair.Left, pair.Right))
            .Combine(Collect(config)).Select(static (pair, _) => Concat(pair.Left, pair.Right))
            .Combine(Collect(modules)).Select(static (pair, _) => Distinct(Concat(pair.Left, pair.Right)))
            .WithTrackingName(TrackingNames.AllModels);

        var models = all
            .SelectMany(static (specs, _) => specs)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, StateEmitter.Emit(model)));
    }

    private static IncrementalValuesProvider<ModelSpec?> ModelsOfMembers(
        IncrementalGeneratorInitializationContext context, string attribute, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is VariableDeclaratorSyntax or PropertyDeclarationSyntax,
                static (ctx, ct) => ParseModel(ctx.TargetSymbol.ContainingType, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(trackingName);

    private static ModelSpec? ParseModel(INamedTypeSymbol? type, Compilation compilation, CancellationToken cancellationToken) =>
        type is null ? null : ModelParser.Parse(type, compilation, cancellationToken);

    private static IncrementalValueProvider<EquatableArray<ModelSpec>> Collect(IncrementalValuesProvider<ModelSpec?> specs) =>
        specs.Collect().Select(static (items, _) =>
        {
            var kept = ImmutableArray.CreateBuilder<ModelSpec>(items.Length);
            foreach (var item in items)
            {
                if (item is not null) kept.Add(item);
            }

            return new EquatableArray<ModelSpec>(kept.ToImmutable());
        });

    private static EquatableArray<ModelSpec> Concat(EquatableArray<ModelSpec> left, EquatableArray<ModelSpec> right)
    {
        var all = ImmutableArray.CreateBuilder<ModelSpec>(left.Count + right.Count);
        foreach (var item in left) all.Add(item);
        foreach (var item in right) all.Add(item);
        return new EquatableArray<ModelSpec>(all.ToImmutable());
    }

    // One spec per class, first occurrence kept; hint names made unique (a namespace and a nested type can
    // share a dotted name) so AddSource never fails.
    private static EquatableArray<ModelSpec> Distinct(EquatableArray<ModelSpec> specs)
    {
        var seen = new HashSet<string>();
        var hints = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ModelSpec>(specs.Count);
        foreach (var spec in specs)
        {
            if (!seen.Add(spec.FullName)) continue;
            var unique = spec;
            for (var n = 2; !hints.Add(unique.HintName); n++)
                unique = spec with { HintName = spec.HintName.Substring(0, spec.HintName.Length - ".g.cs".Length) + "." + n + ".g.cs" };
            result.Add(unique);
        }

        return new EquatableArray<ModelSpec>(result.ToImmutable());
    }
}
