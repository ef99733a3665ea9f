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

    private readonly ModelCollector _collector;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<EquatableArray<Problem>>> _problems = new(SymbolEqualityComparer.Default);

    private readonly object _modelsGate = new();
    private CompilationModels? _models;

    private ModelAnalysis(CollectorContext context) => _collector = new ModelCollector(context);

    /// <summary>The analysis of <paramref name="compilation"/>, or null when it does not reference the Checkpoint runtime.</summary>
    public static ModelAnalysis? For(Compilation compilation) =>
        ByCompilation.GetValue(compilation, static c => new Entry(CollectorContext.Create(c) is { } context ? new ModelAnalysis(context) : null)).Analysis;

    /// <summary>The runtime's symbols in this compilation.</summary>
    public CheckpointSymbols Symbols => _collector.Context.Symbols;

    /// <summary>
    /// The problems of <paramref name="type"/>, collected on the first request; rules asking at the same time wait
    /// for that one collection rather than repeat it.
    /// </summary>
    public EquatableArray<Problem> ProblemsOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var collection = _problems.GetOrAdd(type, key => new Lazy<EquatableArray<Problem>>(
                () => _collector.CollectProblems(key, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
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
    /// the first request, in declaration order; for the rules that compare the whole project (the schema).
    /// </summary>
    public CompilationModels Models(CancellationToken cancellationToken)
    {
        lock (_modelsGate)
        {
            return _models ??= CompilationModels.Collect(_collector, cancellationToken);
        }
    }

    private sealed class Entry(ModelAnalysis? analysis)
    {
        public ModelAnalysis? Analysis { get; } = analysis;
    }
}
