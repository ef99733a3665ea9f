using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Rules;

/// <summary>
/// Which classes are models, which of their members are state or children, and under which keys they are saved.
/// The decisions themselves come from the generator's <see cref="StateTypeRules"/>, so what the analyzers report
/// matches what the generator skips.
/// </summary>
internal static class Models
{
    /// <summary>
    /// Whether the class itself says it is a model (a member with a state or config attribute, or <c>[Module]</c>):
    /// the generator writes code for it, so it must be partial.
    /// </summary>
    public static bool DeclaresModel(INamedTypeSymbol type) => StateTypeRules.DeclaresModel(type.OriginalDefinition);

    /// <summary>Whether values of this type are models to the generator (see <see cref="StateTypeRules.IsModel"/>).</summary>
    public static bool IsModel(ITypeSymbol type) => StateTypeRules.IsModel(type);

    /// <summary>The fields and properties declared in source order, without compiler-made backing fields.</summary>
    public static IEnumerable<ISymbol> DataMembers(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared)
                continue;
            if (member is IFieldSymbol or IPropertySymbol { IsIndexer: false })
                yield return member;
        }
    }

    /// <summary>The type of a field or property.</summary>
    public static ITypeSymbol TypeOf(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => throw new ArgumentException("Not a field or property.", nameof(member)),
    };

    /// <summary>
    /// Whether a property stores a value (an auto-property with a compiler backing field) rather than computing one;
    /// fields always store.
    /// </summary>
    public static bool IsStorage(ISymbol member)
    {
        if (member is IFieldSymbol)
            return true;
        if (member is not IPropertySymbol property)
            return false;
        foreach (var other in property.ContainingType.GetMembers())
        {
            if (other is IFieldSymbol { IsImplicitlyDeclared: true } backing && SymbolEqualityComparer.Default.Equals(backing.AssociatedSymbol, property))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The model type a member holds as a child, directly or through a sequence or string-keyed dictionary; null
    /// when the generator does not visit it as a child (state, config, [NotState], static, constant, computed or
    /// write-only property, or not model-typed). Mirrors the generator's member parsing.
    /// </summary>
    public static ITypeSymbol? ChildModelType(ISymbol member)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared || StateAttributes.HasAny(member))
            return null;
        switch (member)
        {
            case IFieldSymbol { IsConst: false, RefKind: RefKind.None }:
            case IPropertySymbol { IsIndexer: false, RefKind: RefKind.None, GetMethod: not null } property
                when property.ExplicitInterfaceImplementations.IsEmpty && IsStorage(property):
                var info = StateTypeRules.Classify(TypeOf(member));
                return info.IsChild ? info.Element : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The key a state member or child is saved under: the attribute's non-empty Name when given, else the member
    /// name after the declaring class's naming policy.
    /// </summary>
    public static string KeyOf(ISymbol member, AttributeData? stateAttribute)
    {
        if (stateAttribute is not null && StateAttributes.NamedString(stateAttribute, StateTypeRules.NameArgument) is { Length: > 0 } explicitName)
            return explicitName;
        return StateTypeRules.ApplyNaming(member.Name, StateTypeRules.GetNamingPolicy(member.ContainingType));
    }

    /// <summary>The classes from the topmost base down to <paramref name="type"/> (the order the generator collects in).</summary>
    public static List<INamedTypeSymbol> BaseFirst(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            chain.Add(current);
        chain.Reverse();
        return chain;
    }
}

/// <summary>Helpers shared by the member-level analyzers.</summary>
internal static class ModelMembers
{
    /// <summary>Whether some class from <paramref name="type"/> up its base chain declares a model (annotated state, config or [Module]).</summary>
    public static bool IsAnnotatedModel(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
            return false;
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Models.DeclaresModel(current))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The state members and children of <paramref name="type"/> with their keys, base class first, as the generated
    /// CollectStates reports them. Only classes that are models contribute.
    /// </summary>
    public static List<KeyedMember> KeyedMembers(INamedTypeSymbol type)
    {
        var result = new List<KeyedMember>();
        foreach (var declaring in Models.BaseFirst(type))
        {
            if (!SymbolEqualityComparer.Default.Equals(declaring, type) && !Models.DeclaresModel(declaring))
                continue;
            foreach (var member in Models.DataMembers(declaring))
            {
                if (member.IsStatic)
                    continue;
                var state = StateAttributes.FirstState(member, out _);
                if (state is not null)
                    result.Add(new KeyedMember(member, state, Models.KeyOf(member, state)));
                else if (Models.ChildModelType(member) is not null)
                    result.Add(new KeyedMember(member, null, Models.KeyOf(member, null)));
            }
        }
        return result;
    }

    /// <summary>The location to report a member problem at: its name in its first declaration.</summary>
    public static Location LocationOf(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;

    /// <summary>The location of an attribute application, falling back to the member's name.</summary>
    public static Location LocationOf(AttributeData attribute, ISymbol owner) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : LocationOf(owner);
}

/// <summary>A state member or child of a model and the key it is saved under.</summary>
internal sealed class KeyedMember
{
    public KeyedMember(ISymbol member, AttributeData? stateAttribute, string key)
    {
        Member = member;
        StateAttribute = stateAttribute;
        Key = key;
    }

    public ISymbol Member { get; }

    public AttributeData? StateAttribute { get; }

    public string Key { get; }
}
