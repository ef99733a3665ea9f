using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Pipeline;

/// <summary>Reads the model classes of one compilation through the shared collector, each class once.</summary>
internal static class ModelSpecs
{
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
        var collector = new ModelCollector(context);
        var seen = new HashSet<ModelClass>();
        var hints = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var specs = ImmutableArray.CreateBuilder<ModelSpec>(classes.Count);
        foreach (var modelClass in classes)
        {
            if (!seen.Add(modelClass)) continue;
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.Assembly.GetTypeByMetadataName(modelClass.MetadataName) is not { } type) continue;
            if (collector.CollectSpec(type, cancellationToken) is not { } spec) continue;
            specs.Add(WithUniqueHint(spec, hints));
        }

        return new EquatableArray<ModelSpec>(specs.ToImmutable());
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
