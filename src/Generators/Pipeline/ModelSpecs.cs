using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Pipeline;

/// <summary>Reads the model classes of one compilation through the shared collector, each class once.</summary>
internal static class ModelSpecs
{
    // Below this many classes one thread is as fast (starting the parallel loop costs more than it saves).
    private const int ParallelThreshold = 64;

    /// <summary>
    /// The specs of the classes the generator writes code for, with unique hint names. The runtime's symbols are
    /// resolved once for the whole compilation; without the runtime there is nothing to do.
    /// </summary>
    public static EquatableArray<ModelSpec> Collect(ModelClassSet found, Compilation compilation, CancellationToken cancellationToken)
    {
        var classes = new List<ModelClass>(found.Classes);
        if (found.GlobalAliases.Count > 0) classes.AddRange(ModelClasses.UsingGlobalAliases(compilation, found.GlobalAliases, cancellationToken));
        if (classes.Count == 0 || CollectorContext.Create(compilation) is not { } context) return EquatableArray<ModelSpec>.Empty;

        // The compilation is fresh: until the module's attributes are bound, every attribute and type the collector
        // binds checks the module for [Obsolete] by gathering the assembly's attribute declarations again (a copy
        // per check, about a tenth of the generator's time for 2,000 models). Binding them once (the compiler does
        // anyway) makes that check a field read.
        _ = compilation.SourceModule.GetAttributes();
        _ = compilation.Assembly.GetAttributes();

        var types = new List<INamedTypeSymbol>(classes.Count);
        var seen = new HashSet<ModelClass>();
        foreach (var modelClass in classes)
        {
            if (seen.Add(modelClass) && compilation.Assembly.GetTypeByMetadataName(modelClass.MetadataName) is { } type) types.Add(type);
        }

        var specs = CollectAll(new ModelCollector(context), types, compilation.Options.ConcurrentBuild, cancellationToken);
        var hints = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<ModelSpec>(types.Count);
        foreach (var spec in specs)
        {
            if (spec is not null) result.Add(WithUniqueHint(spec, hints));
        }

        return new EquatableArray<ModelSpec>(result.ToImmutable());
    }

    // The spec of each class, in the classes' order. Collecting one class binds its members' types and attributes
    // (most of the generator's time on a fresh compilation) and is independent of the others, so when the build is
    // concurrent the classes are collected on all cores, as the compiler binds method bodies; the collector's
    // caches are safe to share (the analyzers call it from concurrent callbacks too).
    private static ModelSpec?[] CollectAll(ModelCollector collector, List<INamedTypeSymbol> types, bool concurrent, CancellationToken cancellationToken)
    {
        var specs = new ModelSpec?[types.Count];
        if (!concurrent || types.Count < ParallelThreshold)
        {
            for (var i = 0; i < types.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                specs[i] = collector.CollectSpec(types[i], cancellationToken);
            }

            return specs;
        }

        try
        {
            Parallel.For(0, types.Count, new ParallelOptions { CancellationToken = cancellationToken },
                i => specs[i] = collector.CollectSpec(types[i], cancellationToken));
        }
        catch (AggregateException aggregate)
        {
            // Surface the first failure as itself (the driver reports a generator exception by its type and message).
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Capture(aggregate.Flatten().InnerExceptions[0]).Throw();
        }

        return specs;
    }

    // A namespace and a nested type can share a dotted name (A.B.C): later ones get a number so AddSource never fails.
    private static ModelSpec WithUniqueHint(ModelSpec spec, HashSet<string> hints)
    {
        var unique = spec;
        for (var n = 2; !hints.Add(unique.HintName); n++)
            unique = spec with { HintName = spec.HintName.Substring(0, spec.HintName.Length - ".g.cs".Length) + "." + n + ".g.cs" };
        return unique;
    }
}
