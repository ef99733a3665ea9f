using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers;

/// <summary>
/// The specs of every model class a compilation declares, as the generator collects them (equatable values), and
/// the class of each, to place diagnostics about them.
/// </summary>
internal sealed class CompilationModels
{
    private readonly Dictionary<string, INamedTypeSymbol> _types;
    private readonly Dictionary<ISymbol, string> _names = new(SymbolEqualityComparer.Default);

    private CompilationModels(EquatableArray<ModelSpec> specs, Dictionary<string, INamedTypeSymbol> types)
    {
        Specs = specs;
        _types = types;
        foreach (var pair in types) _names[pair.Value] = pair.Key;
    }

    /// <summary>The specs, in declaration order (namespaces, then types, then nested types).</summary>
    public EquatableArray<ModelSpec> Specs { get; }

    /// <summary>The class whose spec has <paramref name="fullName"/>, or null.</summary>
    public INamedTypeSymbol? TypeOf(string fullName) => _types.TryGetValue(fullName, out var type) ? type : null;

    /// <summary>The spec's full name of <paramref name="type"/>, or null when it has no spec.</summary>
    public string? FullNameOf(INamedTypeSymbol type) => _names.TryGetValue(type, out var name) ? name : null;

    public static CompilationModels Collect(ModelCollector collector, CancellationToken cancellationToken)
    {
        var specs = ImmutableArray.CreateBuilder<ModelSpec>();
        var types = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(collector.Context.Compilation.Assembly.GlobalNamespace);
        var ordered = new List<INamedTypeSymbol>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pending.Pop();
            var members = current.GetMembers();
            // Pushed in reverse so that the walk visits them in declaration order.
            for (var i = members.Length - 1; i >= 0; i--)
            {
                if (members[i] is INamespaceOrTypeSymbol inner) pending.Push(inner);
            }

            if (current is INamedTypeSymbol { TypeKind: TypeKind.Class } type && collector.Context.Models.DeclaresModel(type)) ordered.Add(type);
        }

        foreach (var type in ordered)
        {
            if (collector.CollectSpec(type, cancellationToken) is not { } spec) continue;
            specs.Add(spec);
            types[spec.FullName] = type;
        }

        return new CompilationModels(new EquatableArray<ModelSpec>(specs.ToImmutable()), types);
    }
}
