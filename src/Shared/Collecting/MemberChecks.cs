using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>The problems of one field or property, whichever type declares it.</summary>
internal static class MemberChecks
{
    /// <summary>
    /// CKPT0007 (two roles on one member, or a role and [NotState]: the generator honours only one) and CKPT0011
    /// (a state key that is empty or dotted): attribute mistakes, reported in any type.
    /// </summary>
    public static void CheckAttributes(string memberName, MemberAttributes attributes, List<Problem> problems)
    {
        var all = attributes.All;
        for (var later = 1; later < all.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (all[earlier].Kind == all[later].Kind) continue;
                problems.Add(Problem.Create(RuleIds.ConflictingAttributes, ProblemSite.Attribute(memberName, all[later].Index),
                    memberName, all[earlier].Kind.ToString(), all[later].Kind.ToString()));
                break;
            }
        }

        foreach (var attribute in all)
        {
            if (!attribute.Kind.IsState()) continue;
            var keys = attribute.StringsArgument(AttributeArguments.FormerNames);
            if (attribute.StringArgument(AttributeArguments.Name) is { } name) keys.Insert(0, name);
            foreach (var key in keys)
            {
                var problem = key.Trim().Length == 0 ? "empty" : key.IndexOf('.') >= 0 ? "a dotted path" : null;
                if (problem is not null)
                    problems.Add(Problem.Create(RuleIds.InvalidKey, ProblemSite.Attribute(memberName, attribute.Index), memberName, key, problem));
            }
        }
    }

    /// <summary>CKPT0014: state or config attributes on a member of a struct, interface or enum, which the generator ignores.</summary>
    public static void CheckOutsideClass(ISymbol member, MemberAttributes attributes, INamedTypeSymbol container, List<Problem> problems)
    {
        if (attributes.State is null && !attributes.HasConfig) return;
        var kind = container.TypeKind switch
        {
            TypeKind.Struct when container.IsRecord => "record struct",
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ => container.TypeKind.ToString().ToLowerInvariant(),
        };
        problems.Add(Problem.Create(RuleIds.StateOutsideClass, ProblemSite.Member(member.Name), member.Name, kind, container.Name));
    }

    /// <summary>
    /// The problems of a state member of a model class: CKPT0005 (generated code cannot read or assign it),
    /// CKPT0006 (its type cannot be saved) and CKPT0016 (a type parameter element without <c>unmanaged</c>).
    /// Every state member the generator leaves out gets one of them.
    /// </summary>
    public static void CheckState(ClassMember member, CollectorContext context, List<Problem> problems)
    {
        if (member.Attributes.State is null) return;
        var site = ProblemSite.Member(member.Name);
        if ((Writability.CheckShape(member.Symbol) ?? Writability.Check(member.Symbol, initAllowed: false)) is { } problem)
            problems.Add(new Problem(RuleIds.NotRestorable, site, Generators.Model.EquatableArray.From([member.Name, problem.What, problem.Advice]), problem.Fix));

        var type = member.Shape.Type;
        switch (context.Types.SupportOf(type))
        {
            case StateTypeSupport.Unsupported:
                problems.Add(Problem.Create(RuleIds.UnsupportedStateType, site, member.Name, context.TypeNameForMessages(type)));
                break;
            case StateTypeSupport.UnconstrainedGenericElement:
                problems.Add(Problem.Create(RuleIds.UnconstrainedGenericElement, site, member.Name, context.Types.GenericElement(type)!.Name));
                break;
        }
    }

    /// <summary>
    /// CKPT0001: a field or auto-property of a model with no Checkpoint attribute whose type looks learnable (a
    /// floating tensor, array or Quantity): the generator skips it, so it is neither saved nor loaded.
    /// </summary>
    public static void CheckUnsaved(ClassMember member, CollectorContext context, List<Problem> problems)
    {
        if (member.Attributes.Any || member.Symbol.IsStatic || member.Symbol is IFieldSymbol { IsConst: true } || !member.Shape.IsStorage) return;
        if (context.Types.LooksLearnable(member.Shape.Type))
            problems.Add(Problem.Create(RuleIds.UnsavedParameter, ProblemSite.Member(member.Name), member.Name));
    }
}
