using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>How generated code can reach one field or property: its type, and whether it can read and assign it.</summary>
internal readonly struct MemberShape
{
    private MemberShape(ITypeSymbol type, bool isAccessible, bool canRead, bool canWrite, bool isStorage)
    {
        Type = type;
        IsAccessible = isAccessible;
        CanRead = canRead;
        CanWrite = canWrite;
        IsStorage = isStorage;
    }

    /// <summary>The member's type.</summary>
    public ITypeSymbol Type { get; }

    /// <summary>
    /// Generated code can name it: a field that is not a constant, or a property that is not an indexer or an
    /// explicit interface implementation, neither returning by reference.
    /// </summary>
    public bool IsAccessible { get; }

    /// <summary>A field, or a property with a getter.</summary>
    public bool CanRead { get; }

    /// <summary>A field that is not readonly, or a property with a setter (an init accessor does not count: load and reset assign after construction).</summary>
    public bool CanWrite { get; }

    /// <summary>A field or an auto-property: it stores a value rather than computing one.</summary>
    public bool IsStorage { get; }

    /// <summary>The shape of a field or property; false for other members.</summary>
    /// <param name="member">The member.</param>
    /// <param name="autoProperties">The auto-properties of the member's class (<see cref="AutoProperties"/>).</param>
    /// <param name="shape">The shape.</param>
    public static bool TryRead(ISymbol member, HashSet<ISymbol> autoProperties, out MemberShape shape)
    {
        switch (member)
        {
            case IFieldSymbol field:
                shape = new MemberShape(field.Type, !field.IsConst && field.RefKind == RefKind.None, true, !field.IsReadOnly, true);
                return true;
            case IPropertySymbol property:
                var accessible = !property.IsIndexer && property.RefKind == RefKind.None && property.ExplicitInterfaceImplementations.IsEmpty;
                shape = new MemberShape(
                    property.Type, accessible, property.GetMethod is not null, property.SetMethod is { IsInitOnly: false },
                    autoProperties.Contains(property));
                return true;
            default:
                shape = default;
                return false;
        }
    }

    /// <summary>
    /// The properties of <paramref name="type"/> that have a compiler-made backing field, found in one pass. A
    /// computed property (<c>=&gt; Layers[0]</c>) would visit the same child twice, so only these and fields count as children.
    /// </summary>
    public static HashSet<ISymbol> AutoProperties(INamedTypeSymbol type)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true, AssociatedSymbol: IPropertySymbol owner }) result.Add(owner);
        }

        return result;
    }
}
