using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>The problems of a model as a whole: its declaration, its keys with those of its bases, its children.</summary>
internal static class ModelChecks
{
    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    /// <summary>CKPT0004: a model (or a type containing it) declared without <c>partial</c>, so the generator cannot add to it.</summary>
    public static void CheckPartial(INamedTypeSymbol type, List<Problem> problems, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (PartialDeclarations.Missing(type, names, cancellationToken).Count == 0) return;
        problems.Add(Problem.Create(RuleIds.ModelNotPartial, ProblemSite.Type, type.ToDisplayString(TypeNameFormat), string.Join(" and ", names)));
    }

    /// <summary>CKPT0013: a <c>[Module]</c> with no state, config or child here or in its bases: it saves nothing.</summary>
    public static void CheckEmptyModule(INamedTypeSymbol type, CollectorContext context, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (!context.Symbols.HasModule(type)) return;
        foreach (var declaring in BaseFirst(type))
        {
            foreach (var member in context.MembersOf(declaring, cancellationToken).Members)
            {
                if (member.IsIndexer) continue;
                if (member.Attributes.State is not null || member.Attributes.HasConfig || member.IsChild) return;
            }
        }

        problems.Add(Problem.Create(RuleIds.EmptyModule, ProblemSite.Type, type.Name));
    }

    /// <summary>
    /// CKPT0010 (two members of the model, inherited ones included, saved under one key) and CKPT0015 (a former
    /// name that is another member's current key). Reported at the model's own members; a base reports its own.
    /// </summary>
    public static void CheckKeys(INamedTypeSymbol type, CollectorContext context, List<Problem> problems, CancellationToken cancellationToken)
    {
        var keyed = KeyedMembers(type, context, cancellationToken);
        var firstByKey = new Dictionary<string, KeyedMember>(System.StringComparer.Ordinal);
        foreach (var member in keyed)
        {
            if (!firstByKey.TryGetValue(member.Key, out var first))
            {
                firstByKey.Add(member.Key, member);
                continue;
            }

            if (!IsDeclaredIn(member, type)) continue;
            var firstName = IsDeclaredIn(first, type) ? first.Member.Name : first.Member.Symbol.ContainingType.Name + "." + first.Member.Name;
            problems.Add(Problem.Create(RuleIds.DuplicateKey, ProblemSite.Member(member.Member.Name), member.Member.Name, member.Key, firstName, type.Name));
        }

        foreach (var member in keyed)
        {
            if (member.Member.Attributes.State is not { } state || !IsDeclaredIn(member, type)) continue;
            foreach (var former in state.StringsArgument(AttributeArguments.FormerNames))
            {
                var owner = keyed.Find(other => other.Key == former && !ReferenceEquals(other.Member, member.Member));
                if (owner is null) continue;
                problems.Add(Problem.Create(RuleIds.FormerNameCollision, ProblemSite.Attribute(member.Member.Name, state.Index),
                    member.Member.Name, former, owner.Member.Name));
            }
        }
    }

    /// <summary>
    /// CKPT0009: a child member through which the model contains itself (directly, through collections or through
    /// other models); state paths would never end if instances nest.
    /// </summary>
    public static void CheckCycles(INamedTypeSymbol type, ClassMembers members, CollectorContext context, List<Problem> problems, CancellationToken cancellationToken)
    {
        var target = type.OriginalDefinition;
        foreach (var member in members.Members)
        {
            if (member.ChildType is not INamedTypeSymbol child) continue;
            var path = new List<string>();
            if (!Reaches(child, target, path, new HashSet<ISymbol>(SymbolEqualityComparer.Default), context, cancellationToken)) continue;
            var through = path.Count == 0 ? $"'{member.Name}'" : $"'{member.Name}' ({string.Join(" → ", path)})";
            problems.Add(Problem.Create(RuleIds.ChildCycle, ProblemSite.Member(member.Name), type.Name, through));
        }
    }

    // Depth-first over child types; path receives the models passed on the way.
    private static bool Reaches(
        INamedTypeSymbol from, INamedTypeSymbol target, List<string> path, HashSet<ISymbol> visited, CollectorContext context, CancellationToken cancellationToken)
    {
        if (SymbolEqualityComparer.Default.Equals(from.OriginalDefinition, target)) return true;
        if (!visited.Add(from.OriginalDefinition)) return false;
        path.Add(from.Name);
        foreach (var declaring in BaseFirst(from))
        {
            foreach (var member in context.MembersOf(declaring, cancellationToken).Members)
            {
                if (member.ChildType is INamedTypeSymbol next && Reaches(next, target, path, visited, context, cancellationToken)) return true;
            }
        }

        path.RemoveAt(path.Count - 1);
        return false;
    }

    // The state members and children of the model with their keys, base class first, as generated CollectStates
    // reports them; bases that are not models contribute nothing.
    private static List<KeyedMember> KeyedMembers(INamedTypeSymbol type, CollectorContext context, CancellationToken cancellationToken)
    {
        var result = new List<KeyedMember>();
        foreach (var declaring in BaseFirst(type))
        {
            if (!SymbolEqualityComparer.Default.Equals(declaring, type) && !context.Models.DeclaresModel(declaring)) continue;
            var members = context.MembersOf(declaring, cancellationToken);
            foreach (var member in members.Members)
            {
                if (member.Symbol.IsStatic || member.IsIndexer) continue;
                if (member.Attributes.State is { } state)
                {
                    // The key under the first state attribute; the member's own key when that is also its role.
                    var key = member.Role is not null && member.Attributes.Role?.Index == state.Index
                        ? member.Key
                        : ClassMembers.KeyOf(member.Symbol, state, members.Policy);
                    result.Add(new KeyedMember(member, key));
                }
                else if (member.IsChild)
                    result.Add(new KeyedMember(member, member.Key));
            }
        }

        return result;
    }

    private static bool IsDeclaredIn(KeyedMember member, INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(member.Member.Symbol.ContainingType, type);

    /// <summary>The classes from the topmost base down to <paramref name="type"/> (the order the generated code collects in).</summary>
    private static List<INamedTypeSymbol> BaseFirst(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            chain.Add(current);
        chain.Reverse();
        return chain;
    }

    private sealed class KeyedMember(ClassMember member, string key)
    {
        public ClassMember Member { get; } = member;

        public string Key { get; } = key;
    }
}
