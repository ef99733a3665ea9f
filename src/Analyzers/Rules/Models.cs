using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Rules;

/// <summary>Which classes are models, which of their members are state or children, and under which keys they are saved.</summary>
internal static class Models
{
    /// <summary>
    /// Whether the generator writes code for this type: a class declaring a member with a state or config attribute,
    /// or marked <c>[Module]</c>. Such a class must be partial.
    /// </summary>
    public static bool DeclaresModel(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
            return false;
        if (StateAttributes.HasModule(type))
            return true;
        foreach (var member in DataMembers(type))
        {
            foreach (var (kind, _) in StateAttributes.Of(member))
            {
                if (StateAttributes.IsState(kind) || kind == StateAttributeKind.Config)
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether values of this type are models at run time: a class that declares a model, derives from one,
    /// or implements <c>Checkpoint.IStateful</c> by hand.
    /// </summary>
    public static bool IsModel(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named)
            return false;
        for (var current = named; current is not null; current = current.BaseType)
        {
            if (DeclaresModel(current.OriginalDefinition))
                return true;
        }
        foreach (var implemented in named.AllInterfaces)
        {
            if (implemented.Name == "IStateful" && StateAttributes.IsInCheckpointNamespace(implemented))
                return true;
        }
        return false;
    }

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
    /// The model type a member holds as a child, directly or through an array, list, enumerable or string-keyed
    /// dictionary; null when the member is not a child (state, config, [NotState], static, or not model-typed).
    /// </summary>
    public static ITypeSymbol? ChildModelType(ISymbol member)
    {
        if (member.IsStatic || StateAttributes.HasAny(member) || !IsStorage(member))
            return null;
        if (member is IFieldSymbol { IsConst: true })
            return null;
        return ModelIn(TypeOf(member));
    }

    /// <summary>The model type held by <paramref name="type"/> directly or through a supported collection.</summary>
    public static ITypeSymbol? ModelIn(ITypeSymbol type)
    {
        if (IsModel(type))
            return type;
        if (type is IArrayTypeSymbol { Rank: 1 } array)
            return IsModel(array.ElementType) ? array.ElementType : null;
        if (type is not INamedTypeSymbol { IsGenericType: true } named || !IsCollectionsGeneric(named))
            return null;
        switch (named.Name)
        {
            case "List" or "IList" or "IReadOnlyList" or "IEnumerable" or "ICollection" or "IReadOnlyCollection" when named.Arity == 1:
                return IsModel(named.TypeArguments[0]) ? named.TypeArguments[0] : null;
            case "Dictionary" or "IDictionary" or "IReadOnlyDictionary" when named.Arity == 2:
                return named.TypeArguments[0].SpecialType == SpecialType.System_String && IsModel(named.TypeArguments[1])
                    ? named.TypeArguments[1]
                    : null;
            default:
                return null;
        }
    }

    private static bool IsCollectionsGeneric(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    /// <summary>The naming policy of a class: its own [StateNaming], else the assembly's, else AsDeclared.</summary>
    public static NamingPolicyKind PolicyOf(INamedTypeSymbol type)
    {
        return FindPolicy(type.GetAttributes())
            ?? FindPolicy(type.ContainingAssembly.GetAttributes())
            ?? NamingPolicyKind.AsDeclared;

        static NamingPolicyKind? FindPolicy(IEnumerable<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is { Name: StateAttributes.StateNamingName } attributeClass
                    && StateAttributes.IsInCheckpointNamespace(attributeClass)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is int value)
                {
                    return (NamingPolicyKind)value;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// The key a state member or child is saved under: the attribute's Name when given, else the member name after
    /// the declaring class's naming policy.
    /// </summary>
    public static string KeyOf(ISymbol member, AttributeData? stateAttribute)
    {
        if (stateAttribute is not null && StateAttributes.NamedString(stateAttribute, "Name") is { } explicitName)
            return explicitName;
        return Naming.Apply(PolicyOf(member.ContainingType), member.Name);
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

/// <summary>Mirror of <c>Checkpoint.NamingPolicy</c> (same values; the analyzers do not reference the runtime).</summary>
internal enum NamingPolicyKind
{
    AsDeclared = 0,
    SnakeCase = 1,
    CamelCase = 2,
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
            if (Models.DeclaresModel(current.OriginalDefinition))
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
            if (!SymbolEqualityComparer.Default.Equals(declaring, type) && !Models.DeclaresModel(declaring.OriginalDefinition))
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
