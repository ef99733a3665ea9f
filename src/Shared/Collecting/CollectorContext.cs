using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// What the collector knows about one compilation: the runtime's symbols, resolved once, and what it has already
/// read (which types are models, the members of each class, a semantic model per tree). Made once per generator
/// run and once per analyzed compilation; safe to use from concurrent analyzer callbacks.
/// </summary>
internal sealed class CollectorContext
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, ClassMembers> _members = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _semanticModels = new();
    private readonly ConcurrentDictionary<ITypeSymbol, string> _typeNames = new(SymbolEqualityComparer.Default);

    private CollectorContext(Compilation compilation, CheckpointSymbols symbols)
    {
        Compilation = compilation;
        Symbols = symbols;
        Models = new ModelTypes(symbols);
        Types = new StateTypes(Models);
    }

    /// <summary>The context of <paramref name="compilation"/>, or null when it does not reference the Checkpoint runtime.</summary>
    public static CollectorContext? Create(Compilation compilation) =>
        CheckpointSymbols.Create(compilation) is { } symbols ? new CollectorContext(compilation, symbols) : null;

    public Compilation Compilation { get; }

    /// <summary>A type as messages name it: short, or in full when its simple name is shared (<see cref="TypeNames.Distinct"/>).</summary>
    public string TypeNameForMessages(ITypeSymbol type) => TypeNames.Distinct(type, Compilation, Symbols);

    public CheckpointSymbols Symbols { get; }

    public ModelTypes Models { get; }

    public StateTypes Types { get; }

    /// <summary>The fields and properties <paramref name="type"/> declares, read once.</summary>
    public ClassMembers MembersOf(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        _members.GetOrAdd(type, key => ClassMembers.Read(key, Types, cancellationToken));

    /// <summary>
    /// <see cref="SymbolNames.TypeName"/>, once per type: the same few member types (<c>NdArray&lt;float&gt;</c>,
    /// <c>float</c>) come up in every model. Nullability is not part of the name, so types equal but for it share one.
    /// </summary>
    public string TypeName(ITypeSymbol type) => _typeNames.GetOrAdd(type, SymbolNames.TypeName);

    /// <summary>A semantic model of <paramref name="tree"/>, shared by every model declared in it.</summary>
    public SemanticModel SemanticModel(SyntaxTree tree) => _semanticModels.GetOrAdd(tree, key => Compilation.GetSemanticModel(key));
}
