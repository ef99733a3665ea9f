using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// Which types are models, for one compilation. Answers are cached: the same child and base types come up for
/// every model that holds or derives from them.
/// </summary>
internal sealed class ModelTypes
{
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isModel = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _declaresModel = new(SymbolEqualityComparer.Default);

    public ModelTypes(CheckpointSymbols symbols) => Symbols = symbols;

    /// <summary>The runtime's symbols in this compilation.</summary>
    public CheckpointSymbols Symbols { get; }

    /// <summary>
    /// True when <paramref name="type"/> is, or will be made, a model: it implements <c>Checkpoint.IStateful</c>
    /// (compiled models, hand-written ones, the interface itself), or it is a source class the generator
    /// implements the interface for (<see cref="DeclaresModel"/> and <see cref="PartialDeclarations.CanGenerate"/>),
    /// or it derives from such a class, or it is a type parameter constrained to one of these.
    /// </summary>
    public bool IsModel(ITypeSymbol? type) => type is not null && _isModel.GetOrAdd(type, ComputeIsModel);

    private bool ComputeIsModel(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsModel(constraint)) return true;
            }

            return false;
        }

        if (type is not INamedTypeSymbol named) return false;
        if (CheckpointSymbols.Is(named, Symbols.IStateful)) return true;
        foreach (var implemented in named.AllInterfaces)
        {
            if (CheckpointSymbols.Is(implemented, Symbols.IStateful)) return true;
        }

        if (named.TypeKind != TypeKind.Class) return false;
        for (var current = named; current is not null; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_Object) break;
            if (DeclaresModel(current) && PartialDeclarations.CanGenerate(current.OriginalDefinition)) return true;
        }

        return false;
    }

    /// <summary>
    /// True when the class itself says it is a model: it is marked <c>[Module]</c> or declares a field or property
    /// with <c>[Param]</c>, <c>[LongTerm]</c>, <c>[ShortTerm]</c> or <c>[Config]</c>. Inherited members do not count.
    /// </summary>
    public bool DeclaresModel(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Class && _declaresModel.GetOrAdd(type.OriginalDefinition, ComputeDeclaresModel);

    private bool ComputeDeclaresModel(INamedTypeSymbol type)
    {
        if (Symbols.HasModule(type)) return true;
        foreach (var member in type.GetMembers())
        {
            if (member.Kind is not (SymbolKind.Field or SymbolKind.Property)) continue;
            foreach (var attribute in member.GetAttributes())
            {
                if (Symbols.KindOf(attribute).IsRole()) return true;
            }
        }

        return false;
    }

    /// <summary>True for a class that declares a model or derives from one that does (its members are checked).</summary>
    public bool IsAnnotatedModel(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class) return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (DeclaresModel(current)) return true;
        }

        return false;
    }
}
