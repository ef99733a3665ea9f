using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers;

/// <summary>
/// The collector's findings for one compilation, shared by every Checkpoint analyzer: the runtime's symbols are
/// resolved once, and each type is collected once however many rules report on it.
/// </summary>
internal sealed class ModelAnalysis
{
    // Keyed by compilation so the analyzers (separate instances, one per rule) share one collection per type;
    // an entry lives as long as its compilation.
    private static readonly ConditionalWeakTable<Compilation, Entry> ByCompilation = new();

    // Resolved on first use, from an analyzer action: by then the compiler has declared the source types, so looking
    // for the runtime's types among them is cheap. At compilation start it would build every declaration (parse every
    // tree, the generated ones included) in the analyzers' time.
    private readonly Lazy<ModelCollector?> _collector;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<EquatableArray<Problem>>> _problems = new(SymbolEqualityComparer.Default);

    private readonly object _modelsGate = new();
    private CompilationModels? _models;

    private ModelAnalysis(Compilation compilation) =>
        _collector = new Lazy<ModelCollector?>(() => CollectorContext.Create(compilation) is { } context ? new ModelCollector(context) : null);

    private ModelAnalysis(ModelCollector collector) => _collector = new Lazy<ModelCollector?>(() => collector);

    /// <summary>
    /// The analysis of <paramref name="compilation"/>, or null when it does not use the Checkpoint runtime. A
    /// compilation referencing the runtime assembly gets one at once (its symbols are resolved later); any other is
    /// searched for the runtime's types now (a compilation declaring them itself).
    /// </summary>
    public static ModelAnalysis? For(Compilation compilation) =>
        ByCompilation.GetValue(compilation, static c => new Entry(Create(c))).Analysis;

    private static ModelAnalysis? Create(Compilation compilation)
    {
        if (CheckpointSymbols.ReferencesRuntime(compilation)) return new ModelAnalysis(compilation);
        return CollectorContext.Create(compilation) is { } context ? new ModelAnalysis(new ModelCollector(context)) : null;
    }

    /// <summary>The runtime's symbols in this compilation, or null when the runtime it references lacks them.</summary>
    public CheckpointSymbols? Symbols => _collector.Value?.Context.Symbols;

    /// <summary>
    /// The problems of <paramref name="type"/>, collected on the first request; rules asking at the same time wait
    /// for that one collection rather than repeat it.
    /// </summary>
    public EquatableArray<Problem> ProblemsOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (_collector.Value is not { } collector) return EquatableArray<Problem>.Empty;
        while (true)
        {
            var collection = _problems.GetOrAdd(type, key => new Lazy<EquatableArray<Problem>>(
                () => collector.CollectProblems(key, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return collection.Value;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request that started the collection was cancelled, this one was not: collect again.
                ((ICollection<KeyValuePair<INamedTypeSymbol, Lazy<EquatableArray<Problem>>>>)_problems)
                    .Remove(new KeyValuePair<INamedTypeSymbol, Lazy<EquatableArray<Problem>>>(type, collection));
            }
        }
    }

    /// <summary>
    /// The specs of every model class the compilation declares (what the generator writes code for), collected on
    /// the first request, in declaration order; for the rules that compare the whole project (the schema). Null
    /// when the runtime the compilation references lacks its symbols.
    /// </summary>
    public CompilationModels? Models(CancellationToken cancellationToken)
    {
        if (_collector.Value is not { } collector) return null;
        lock (_modelsGate)
        {
            return _models ??= CompilationModels.Collect(collector, cancellationToken);
        }
    }

    private sealed class Entry(ModelAnalysis? analysis)
    {
        public ModelAnalysis? Analysis { get; } = analysis;
    }
}
