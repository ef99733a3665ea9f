using System.Collections.Generic;
using System.Threading;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// One field or property of a class as the collector reads it: its Checkpoint attributes, its shape, what its
/// type is, and the generator's decision (<see cref="Role"/>). Lives only while collecting; holds symbols.
/// </summary>
internal sealed class ClassMember
{
    public ClassMember(ISymbol symbol, MemberAttributes attributes, MemberShape shape, StateTypeInfo info, MemberRole? role, string key)
    {
        Symbol = symbol;
        Attributes = attributes;
        Shape = shape;
        Info = info;
        Role = role;
        Key = key;
    }

    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    /// <summary>An indexer: a property the generated code never reads or assigns.</summary>
    public bool IsIndexer => Symbol is IPropertySymbol { IsIndexer: true };

    public MemberAttributes Attributes { get; }

    public MemberShape Shape { get; }

    /// <summary>What the member's type is.</summary>
    public StateTypeInfo Info { get; }

    /// <summary>What the generated code does with the member, or null when it leaves the member out.</summary>
    public MemberRole? Role { get; }

    /// <summary>The key of a member with a role (the role attribute's Name, else the class's naming policy); empty otherwise.</summary>
    public string Key { get; }

    /// <summary>A child, list or dictionary of child models.</summary>
    public bool IsChild => Role is MemberRole.Child or MemberRole.ChildList or MemberRole.ChildDictionary;

    /// <summary>The model type of a child member (the item type of a collection); null for other members.</summary>
    public ITypeSymbol? ChildType => IsChild ? Info.Element : null;
}

/// <summary>The fields and properties one class declares (inherited ones not included), read once, in declaration order.</summary>
internal sealed class ClassMembers
{
    private ClassMembers(INamedTypeSymbol type, SourceNamingPolicy policy, List<ClassMember> members)
    {
        Type = type;
        Policy = policy;
        Members = members;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The naming policy of the class.</summary>
    public SourceNamingPolicy Policy { get; }

    /// <summary>Every field and property the class declares, static ones included; compiler-made members excluded.</summary>
    public List<ClassMember> Members { get; }

    /// <summary>Reads the members of <paramref name="type"/>.</summary>
    public static ClassMembers Read(INamedTypeSymbol type, StateTypes types, CancellationToken cancellationToken)
    {
        var symbols = types.Models.Symbols;
        var policy = NamingPolicies.Of(type, symbols);
        var autoProperties = MemberShape.AutoProperties(type);
        var members = new List<ClassMember>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || !MemberShape.TryRead(member, autoProperties, out var shape)) continue;
            var attributes = MemberAttributes.Read(member, symbols);
            var info = types.Classify(shape.Type);
            var role = RoleOf(member, attributes, shape, info);
            var key = role is null ? "" : KeyOf(member, role is MemberRole.Child or MemberRole.ChildList or MemberRole.ChildDictionary ? null : attributes.Role, policy);
            members.Add(new ClassMember(member, attributes, shape, info, role, key));
        }

        return new ClassMembers(type, policy, members);
    }

    // The generator's decision: static members, members it cannot name or read and [NotState] ones are left out;
    // state members must be assignable and of a saved type; unattributed fields and auto-properties of model
    // types are children; config members are always read (the config record decides about their types).
    private static MemberRole? RoleOf(ISymbol member, MemberAttributes attributes, MemberShape shape, StateTypeInfo info)
    {
        if (member.IsStatic || !shape.IsAccessible || !shape.CanRead || attributes.HasNotState) return null;
        if (attributes.Role is not { } role)
        {
            if (!shape.IsStorage) return null;
            return info.Kind switch
            {
                StateTypeKind.Child => MemberRole.Child,
                StateTypeKind.ChildList => MemberRole.ChildList,
                StateTypeKind.ChildDictionary => MemberRole.ChildDictionary,
                _ => null,
            };
        }

        if (role.Kind == MemberAttributeKind.Config) return MemberRole.Config;
        if (!shape.CanWrite || !info.IsLeaf) return null;
        return role.Kind switch
        {
            MemberAttributeKind.Param => MemberRole.Param,
            MemberAttributeKind.LongTerm => MemberRole.LongTerm,
            _ => MemberRole.ShortTerm,
        };
    }

    /// <summary>The key a member is saved under: the attribute's non-empty Name, else the member name after the policy.</summary>
    public static string KeyOf(ISymbol member, MemberAttribute? attribute, SourceNamingPolicy policy) =>
        attribute?.StringArgument(AttributeArguments.Name) is { Length: > 0 } name ? name : NamingPolicies.Apply(member.Name, policy);
}
